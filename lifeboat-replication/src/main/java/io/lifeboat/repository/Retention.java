package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.StoredPoint;
import io.lifeboat.repository.RetentionPlan.Decision;
import io.lifeboat.repository.RetentionPlan.Verdict;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention and pruning, under the repository's exclusive lock, in an order that is safe to
 * interrupt at any step:
 * <ol>
 *   <li>delete the point files {@link RetentionPlan} drops (per machine and source, by the vault's
 *       policy; never one younger than the lock period, unless an operator's prune says so);</li>
 *   <li>drop the machine's ownership of blocks no remaining point names, unless uploaded or confirmed
 *       present within the grace period (they belong to a point being uploaded): write one compacted
 *       ownership file, then delete the old ones (on a full disk the compaction is skipped: the blocks
 *       are released in memory and the old records, which only claim more, stay);</li>
 *   <li>drop packs none of whose blocks is owned by any machine or named by any point, and repack
 *       packs that are more than half dead or hold a damaged copy of a block stored again since (new
 *       pack and index first); the dropped packs' index and pack files are deleted once no reader is
 *       open ({@link ReaderGate}).</li>
 * </ol>
 * A crash between steps leaves more than needed, never less: the next run finishes the job. The
 * selection of points is {@link RetentionPlan}'s; the mark and sweep of blocks is below.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Repository repo;
    private int packsDeleted;
    private int packsRepacked;

    Retention(Repository repo) {
        this.repo = repo;
    }

    /** After a commit of {@code machine}: the vault's policy and lock period, then the sweep. */
    void apply(String machine) throws IOException {
        StoragePolicy policy = repo.options.policy().get();
        repo.rw.writeLock().lock();
        try {
            List<Decision> plan = RetentionPlan.decide(repo.points(Optional.of(machine)), policy::retentionOf,
                    policy.lockPeriod(), repo.options.clock().instant());
            deletePoints(dropped(plan));
            sweep(List.of(machine));
        } finally {
            repo.rw.writeLock().unlock();
        }
    }

    /** An operator's prune; see {@link Repository#prune}. */
    PruneReport prune(PruneRequest req) throws IOException {
        StoragePolicy policy = repo.options.policy().get();
        repo.rw.writeLock().lock();
        try {
            List<PointInfo> scope = repo.points(req.machine());
            Set<String> unknown = new HashSet<>(req.points());
            scope.forEach(p -> unknown.remove(p.id()));
            if (!unknown.isEmpty()) {
                throw new NotFoundException("no point " + String.join(", ", unknown.stream().sorted().toList())
                        + req.machine().map(m -> " of machine " + m).orElse("") + " in " + repo.location()
                        + " (see `lifeboat points`); nothing was deleted");
            }
            Duration lock = req.ignoreLockPeriod() ? Duration.ZERO : policy.lockPeriod();
            List<Decision> plan = new ArrayList<>();
            for (Decision d : RetentionPlan.decide(scope, policy::retentionOf, lock, repo.options.clock().instant())) {
                plan.add(req.points().contains(d.point().id())
                        ? new Decision(d.point(), Verdict.DROP, List.of("named by the operator")) : d);
            }
            List<PointInfo> drop = dropped(plan);
            if (req.dryRun()) {
                return new PruneReport(plan, List.of(), true, 0, 0, repo.gate.pending.size());
            }
            deletePoints(drop);
            sweep(req.machine().map(List::of).orElseGet(() -> new ArrayList<>(repo.blocks.owned.keySet())));
            return new PruneReport(plan, drop, false, packsDeleted, packsRepacked, repo.gate.pending.size());
        } finally {
            repo.rw.writeLock().unlock();
        }
    }

    private static List<PointInfo> dropped(List<Decision> plan) {
        return plan.stream().filter(d -> d.verdict() == Verdict.DROP).map(Decision::point).toList();
    }

    private void deletePoints(List<PointInfo> drop) throws IOException {
        for (PointInfo p : drop) {
            repo.backend.delete(new Handle(FileType.POINTS, p.machine() + "/" + p.id()));
            Map<String, StoredPoint> mine = repo.points.get(p.machine());
            if (mine != null) {
                mine.remove(p.id());
            }
        }
    }

    private void sweep(Collection<String> machines) throws IOException {
        for (String m : machines) {
            dropOwnership(m);
        }
        collectPacks();
        deletePending();
    }

    /** The blocks a point needs: the one way retention reads a manifest. */
    private static Set<BlockId> blocksOf(StoredPoint p) {
        return Verifier.blocksOf(p.manifest());
    }

    private void dropOwnership(String machine) throws IOException {
        Map<BlockId, Long> own = repo.blocks.owned.get(machine);
        if (own == null || own.isEmpty()) {
            return;
        }
        Set<BlockId> live = new HashSet<>();
        repo.points.getOrDefault(machine, Map.of()).values().forEach(p -> live.addAll(blocksOf(p)));
        long cutoff = repo.options.clock().millis() - repo.options.pruneGrace().toMillis();
        repo.blocks.forgetConfirmationsBefore(machine, cutoff);
        Map<BlockId, Long> keep = new LinkedHashMap<>();
        boolean dropped = false;
        for (Map.Entry<BlockId, Long> e : own.entrySet()) {
            BlockId id = e.getKey();
            if (live.contains(id) || e.getValue() >= cutoff || repo.blocks.confirmedAt(machine, id) >= cutoff) {
                keep.put(id, e.getValue());
            } else {
                dropped = true;
            }
        }
        if (!dropped) {
            return;
        }
        try {
            compactOwnership(machine, keep);
        } catch (IOException e) {
            LOG.warn("could not compact the ownership records of machine {} ({}); its unneeded blocks are released"
                    + " now and the records are compacted by a later prune", machine, e.getMessage());
        }
        own.keySet().retainAll(keep.keySet());
    }

    private void compactOwnership(String machine, Map<BlockId, Long> keep) throws IOException {
        Set<String> old = new HashSet<>(repo.blocks.ownershipFiles.getOrDefault(machine, Set.of()));
        Set<String> now = ConcurrentHashMap.newKeySet();
        if (!keep.isEmpty()) {
            now.add(repo.blocks.writeOwnershipFile(machine, keep));
        }
        repo.blocks.ownershipFiles.put(machine, now);
        for (String f : old) {
            repo.backend.delete(new Handle(FileType.MACHINES, f));
        }
    }

    private void collectPacks() {
        Set<BlockId> needed = new HashSet<>();
        repo.blocks.owned.values().forEach(m -> needed.addAll(m.keySet()));
        // (a pack with a superseded, damaged copy is repacked even if mostly live: the copy must go)
        repo.points.values().forEach(ps -> ps.values().forEach(p -> needed.addAll(blocksOf(p))));
        for (String pack : new ArrayList<>(repo.blocks.packBlocks.keySet())) {
            List<BlockId> live = new ArrayList<>();
            long liveBytes = 0;
            long deadBytes = 0;
            for (BlockId id : repo.blocks.packBlocks.get(pack)) {
                Pack.Location loc = repo.blocks.index.get(id);
                boolean here = loc != null && loc.pack().equals(pack);
                if (here && needed.contains(id)) {
                    live.add(id);
                    liveBytes += loc.stored();
                } else {
                    deadBytes += here ? loc.stored() : 0;
                }
            }
            if (live.isEmpty()) {
                dropPack(pack);
            } else if (deadBytes > liveBytes || repo.blocks.superseded.contains(pack)) {
                try {
                    repack(pack, live);
                } catch (IOException e) {
                    // a full disk, say: the pack stays whole and is repacked by a later run
                    LOG.warn("could not repack data/{} ({}); it stays as it is for now", pack, e.getMessage());
                }
            }
        }
    }

    /** Forgets a pack now; its files are deleted when no reader is open ({@link #deletePending}). */
    private void dropPack(String pack) {
        Set<BlockId> ids = repo.blocks.packBlocks.remove(pack);
        if (ids != null) {
            for (BlockId id : ids) {
                repo.blocks.index.computeIfPresent(id, (k, loc) -> loc.pack().equals(pack) ? null : loc);
            }
        }
        repo.blocks.superseded.remove(pack);
        repo.gate.pending.add(pack);
        packsDeleted++;
    }

    /** Deletes the dropped packs (index first, then pack) unless a reader is open; those wait for the next run. */
    private void deletePending() throws IOException {
        if (repo.gate.pending.isEmpty()) {
            return;
        }
        repo.gate.whenNoReader(() -> {
            for (String pack : new ArrayList<>(repo.gate.pending)) {
                if (!repo.blocks.packBlocks.containsKey(pack)) { // not written again (same blocks, same name) since
                    repo.backend.delete(new Handle(FileType.INDEX, pack));
                    repo.backend.delete(new Handle(FileType.DATA, pack));
                }
                repo.gate.pending.remove(pack);
            }
        });
    }

    /** Copies the live blocks (each checked first) into a new pack; a damaged pack is left for verify to report. */
    private void repack(String pack, List<BlockId> live) throws IOException {
        List<Pack.Item> items = new ArrayList<>();
        for (BlockId id : live) {
            Pack.Location loc = repo.blocks.index.get(id);
            byte[] raw;
            byte[] record;
            try {
                raw = repo.blocks.readStored(id, loc);
                record = repo.backend.read(new Handle(FileType.DATA, pack), loc.offset(), Pack.HEADER + loc.stored());
            } catch (IntegrityException e) {
                return;
            }
            items.add(new Pack.Item(id, Pack.body(id, loc, record), loc.encoding(), raw.length));
        }
        repo.blocks.writePacksReplacing(items);
        dropPack(pack);
        packsDeleted--;
        packsRepacked++;
    }
}
