package io.lifeboat.repository;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retention and pruning, under the repository's exclusive lock, in an order that is safe to
 * interrupt at any step:
 * <ol>
 *   <li>delete the point files beyond the newest N of the machine (oldest first);</li>
 *   <li>drop the machine's ownership of blocks no remaining point names, unless uploaded or confirmed
 *       present within the grace period (they belong to a point being uploaded): write one compacted
 *       ownership file, then delete the old ones;</li>
 *   <li>delete packs none of whose blocks is owned by any machine or named by any point (index first,
 *       then pack), and repack packs that are more than half dead or hold a damaged copy of a block
 *       stored again since (new pack and index first, then the old index and pack);</li>
 *   <li>delete the machine's manifest chunks that no remaining point names and that are older than the
 *       grace period (younger ones may belong to a commit under way).</li>
 * </ol>
 * The mark phases read manifests chunk by chunk and remember only the blocks that could die (those
 * no ownership keeps), so their memory follows what is being collected, not the size of the points.
 * A crash between steps leaves more than needed, never less: the next run finishes the job.
 */
final class Retention {
    private final Repository repo;

    Retention(Repository repo) {
        this.repo = repo;
    }

    void apply(String machine) throws IOException {
        repo.rw.writeLock().lock();
        try {
            removeOldPoints(machine);
            dropOwnership(machine);
            collectPacks();
            sweepChunks(machine);
        } finally {
            repo.rw.writeLock().unlock();
        }
    }

    private void removeOldPoints(String machine) throws IOException {
        List<PointInfo> list = repo.points(Optional.of(machine));
        Map<String, PointInfo> mine = repo.points.get(machine);
        for (int i = 0; i < list.size() - repo.options.keepNewest(); i++) {
            String id = list.get(i).id();
            repo.backend.delete(new Handle(FileType.POINTS, machine + "/" + id));
            mine.remove(id);
        }
    }

    private void dropOwnership(String machine) throws IOException {
        Map<BlockId, Long> own = repo.blocks.owned.get(machine);
        if (own == null || own.isEmpty()) {
            return;
        }
        long cutoff = repo.options.clock().millis() - repo.options.pruneGrace().toMillis();
        repo.blocks.forgetConfirmationsBefore(machine, cutoff);
        // the blocks that could be dropped: outside the grace period; the machine's points then say which live
        Set<BlockId> dead = new HashSet<>();
        for (Map.Entry<BlockId, Long> e : own.entrySet()) {
            if (e.getValue() < cutoff && repo.blocks.confirmedAt(machine, e.getKey()) < cutoff) {
                dead.add(e.getKey());
            }
        }
        if (dead.isEmpty()) {
            return;
        }
        for (PointInfo p : repo.points(Optional.of(machine))) {
            repo.manifests.forEachBlock(p, dead::remove);
        }
        Map<BlockId, Long> keep = new LinkedHashMap<>();
        boolean dropped = false;
        for (Map.Entry<BlockId, Long> e : own.entrySet()) {
            if (!dead.contains(e.getKey())) {
                keep.put(e.getKey(), e.getValue());
            } else {
                dropped = true;
            }
        }
        if (!dropped) {
            return;
        }
        Set<String> old = new HashSet<>(repo.blocks.ownershipFiles.getOrDefault(machine, Set.of()));
        Set<String> now = ConcurrentHashMap.newKeySet();
        if (!keep.isEmpty()) {
            now.add(repo.blocks.writeOwnershipFile(machine, keep));
        }
        for (String f : old) {
            repo.backend.delete(new Handle(FileType.MACHINES, f));
        }
        repo.blocks.ownershipFiles.put(machine, now);
        own.keySet().retainAll(keep.keySet());
    }

    private void collectPacks() throws IOException {
        // blocks no machine owns could still be named by a point (an ownership record that was unreadable
        // at open): only those are looked for in the manifests
        Set<BlockId> unowned = new HashSet<>();
        for (Map.Entry<String, Set<BlockId>> e : repo.blocks.packBlocks.entrySet()) {
            for (BlockId id : e.getValue()) {
                if (!owned(id)) {
                    unowned.add(id);
                }
            }
        }
        Set<BlockId> named = new HashSet<>();
        if (!unowned.isEmpty()) {
            for (PointInfo p : repo.points(Optional.empty())) {
                repo.manifests.forEachBlock(p, id -> {
                    if (unowned.contains(id)) {
                        named.add(id);
                    }
                });
            }
        }
        // (a pack with a superseded, damaged copy is repacked even if mostly live: the copy must go)
        for (String pack : new ArrayList<>(repo.blocks.packBlocks.keySet())) {
            List<BlockId> live = new ArrayList<>();
            long liveBytes = 0;
            long deadBytes = 0;
            for (BlockId id : repo.blocks.packBlocks.get(pack)) {
                Pack.Location loc = repo.blocks.index.get(id);
                boolean here = loc != null && loc.pack().equals(pack);
                if (here && (owned(id) || named.contains(id))) {
                    live.add(id);
                    liveBytes += loc.stored();
                } else {
                    deadBytes += here ? loc.stored() : 0;
                }
            }
            if (live.isEmpty()) {
                deletePack(pack);
            } else if (deadBytes > liveBytes || repo.blocks.superseded.contains(pack)) {
                repack(pack, live);
            }
        }
    }

    private boolean owned(BlockId id) {
        for (Map<BlockId, Long> m : repo.blocks.owned.values()) {
            if (m.containsKey(id)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the machine's manifest chunks no point names, once older than the grace period. */
    private void sweepChunks(String machine) throws IOException {
        Set<String> named = new HashSet<>();
        for (PointInfo p : repo.points(Optional.of(machine))) {
            named.addAll(repo.manifests.pointFile(machine, p.id()).chunks());
        }
        java.time.Instant cutoff = repo.options.clock().instant().minus(repo.options.pruneGrace());
        for (String file : RepositoryFiles.names(repo.backend.list(FileType.MANIFESTS), machine)) {
            String name = file.substring(machine.length() + 1);
            if (!named.contains(name) && ManifestStore.storedAt(name).isBefore(cutoff)) {
                repo.backend.delete(new Handle(FileType.MANIFESTS, file));
            }
        }
    }

    private void deletePack(String pack) throws IOException {
        repo.backend.delete(new Handle(FileType.INDEX, pack));
        repo.backend.delete(new Handle(FileType.DATA, pack));
        forget(pack);
        repo.blocks.superseded.remove(pack);
    }

    private void forget(String pack) {
        Set<BlockId> ids = repo.blocks.packBlocks.remove(pack);
        if (ids != null) {
            for (BlockId id : ids) {
                repo.blocks.index.computeIfPresent(id, (k, loc) -> loc.pack().equals(pack) ? null : loc);
            }
        }
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
        deletePack(pack);
    }
}
