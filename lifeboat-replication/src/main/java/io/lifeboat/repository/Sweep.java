package io.lifeboat.repository;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The mark and sweep of blocks after {@link Retention} deleted points (its steps 2 to 4): ownership no
 * point needs, packs no block lives in (or more dead than live), and manifest chunks no point names.
 * The mark phases learn what kept points name from their block filters ({@link BlockFilter}) or, where
 * a point has no usable one, from its manifest chunk by chunk, and remember only the blocks that could
 * die, so their memory follows what is being collected, not the size of the points.
 * After a dropped point the packs looked at are, when that is proven enough, only those of the blocks
 * the run released ({@link PackTally#of}), not every indexed block ({@link PackTally#whole}), and of
 * those only the ones that in-memory counts ({@link PackCounts}) say may be dropped or repacked, or do
 * not know: each is counted again from its index file before anything is deleted.
 * Files are deleted only when no reader is open ({@link ReaderGate}), and on a store several nodes
 * share only by {@link SharedPrune}'s rules (written down, deleted one margin later).
 */
final class Sweep {
    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

    /** A compacted ownership file holds at most this many blocks (640 KiB binary, 1.3 MB as JSON was), so each is read in little memory. */
    static final int OWNERSHIP_FILE_BLOCKS = 16_384;
    /**
     * The newest point's filter screens the walk of a machine's blocks when it takes at most an eighth of
     * the heap (a point of 2^25 blocks, a 1 TiB disk at 32 KiB blocks, in a heap of 1 GiB); a larger one
     * strikes part by part after the walk, like the older points', and the walk holds every candidate.
     */
    static final int SCREEN_HEAP_SHARE = 8;
    /**
     * A whole walk holds the filter parts it read in up to a sixteenth of the heap ({@link FilterPartMemo}),
     * so the look for unowned blocks does not read again those the release of each machine's blocks read;
     * on a shared store the parts stay held for the next sweeps ({@link SweepBacklog#parts}).
     */
    static final int FILTER_MEMO_HEAP_SHARE = 16;

    private final Repository repo;
    /** On a store shared by several nodes: its rules for deleting (else null: deletions as below). */
    private final SharedPrune shared;
    /** Packs repacks wrote in this run (a shared store's prune record names them). */
    private final List<String> replacements = new ArrayList<>();
    private int packsDeleted;
    private int packsRepacked;

    Sweep(Repository repo) {
        this.repo = repo;
        this.shared = repo.refresh.enabled() ? new SharedPrune(repo) : null;
    }

    int packsDeleted() {
        return packsDeleted;
    }

    int packsRepacked() {
        return packsRepacked;
    }

    /**
     * Steps 2 to 4 for {@code machines}, under the repository's exclusive lock (and the prune lease).
     * With {@code mayBound} (a retention run, not a prune), the packs are looked at only where this run
     * released blocks (and where an earlier run left work: {@link SweepBacklog}), when that is proven
     * to find all there is: see {@link #bounded}. Otherwise every indexed block is walked.
     */
    void run(Collection<String> machines, boolean mayBound) throws IOException {
        SweepBacklog backlog = repo.retention.backlog;
        boolean bounded = mayBound && bounded(backlog);
        if (shared != null) { // every sweep walks whole and asks the kept points again: their parts stay held
            repo.manifests.remember(backlog.parts);
        } else if (!bounded) { // the walk of every block may ask the points' filters again (PackTally.whole)
            repo.manifests.remember(new FilterPartMemo(Runtime.getRuntime().maxMemory() / FILTER_MEMO_HEAP_SHARE));
        }
        try {
            // each point file read once in this run; on a shared store once while the point is listed
            sweep(machines, bounded, backlog, new SweepPoints(repo, shared != null, shared != null ? backlog.pointFiles : null));
        } finally {
            repo.manifests.remember(null);
        }
    }

    private void sweep(Collection<String> machines, boolean bounded, SweepBacklog backlog, SweepPoints points)
            throws IOException {
        Set<String> owed = backlog.start(); // until this run ends, the next walks whole
        Set<String> released = new HashSet<>();
        for (String m : machines) {
            released.addAll(dropOwnership(m, points));
        }
        if (bounded) {
            // only the packs the counts may drop or repack, or do not know, are read; and those owed
            Set<String> look = new HashSet<>(owed);
            released.stream().filter(p -> !backlog.counts.settled(p)).forEach(look::add);
            PackTally tally = PackTally.of(repo, look);
            tally.bytes.forEach(backlog.counts::counted);
            collectPacks(tally, look);
        } else {
            // unowned blocks are looked for in the manifests when an ownership record was unreadable
            // (its blocks may be named and owned by no one) or other nodes' records may be on their way
            PackTally tally = PackTally.whole(repo, shared != null || !repo.blocks.owned.whole() ? points : null);
            backlog.counts.reset(tally.bytes);
            collectPacks(tally, repo.blocks.index.packs());
        }
        if (shared != null) {
            shared.condemn(repo.gate.pending, replacements); // deleted by a later run, after the margin
            repo.gate.pending.clear();
            shared.deleteDue(points);
            WriterPresence.removeStale(repo.backend, repo.options.clock().instant());
        } else {
            deletePending();
        }
        sweepChunks(machines, points);
        backlog.ended(!bounded, repo.options.clock().instant());
    }

    /**
     * Whether the packs of the blocks this run releases are all it need look at. A commit names only
     * blocks its machine owns ({@code BlockStore.has}) and a sweep releases a machine's block only when
     * none of its points names it, so with every ownership record read, a released block no machine
     * owns is named by no point, and only its pack's live bytes fell. Not when: a record was unreadable
     * (its machine's points may name blocks no one owns); the store is shared (other nodes' records
     * and deletions); packs wait for deletion or a damaged copy for a repack; or no whole walk has
     * ended in this process since its open, since the last run that did not end, or within the hour
     * ({@link SweepBacklog}: what a crash between a run's steps left, and what no release points at).
     */
    private boolean bounded(SweepBacklog backlog) {
        return shared == null && repo.blocks.owned.whole() && repo.gate.pending.isEmpty()
                && repo.blocks.superseded.isEmpty() && backlog.allowsBound(repo.options.clock().instant());
    }

    /**
     * Releases the machine's blocks none of its points needs; returns the packs that hold them. The
     * candidates are its blocks uploaded and confirmed outside the grace period; each of its points then
     * strikes those it names, newest first: by the point's {@link BlockFilter} when it has a usable one
     * (it may strike more than the point names, never less: an unneeded block stays owned while that
     * point is kept), else by reading its manifest. The newest point's filter, all its parts in memory at
     * once (4 bytes a block) when they take at most {@link #SCREEN_HEAP_SHARE} of the heap, screens the
     * walk of the machine's blocks, so what is held in memory is about what the newest point does not
     * name; the older points' filters strike part by part (one part, 4 MiB at most, in memory at a time).
     */
    private Set<String> dropOwnership(String machine, SweepPoints files) throws IOException {
        long cutoff = repo.options.clock().millis() - repo.options.pruneGrace().toMillis();
        List<RepositoryFiles.PointFile> points = files.files(repo.points(Optional.of(machine)));
        java.util.Collections.reverse(points); // newest first: it names most of what the machine still needs
        List<BlockFilter> screen = new ArrayList<>();
        if (!points.isEmpty() && repo.manifests.filterParts(points.get(0), Runtime.getRuntime().maxMemory() / SCREEN_HEAP_SHARE,
                screen::add)) {
            points.remove(0); // it screens the walk below; without it, every point strikes after the walk
        } else {
            screen.clear(); // (a part handed before a bad one is not trusted)
        }
        BlockFilter first = screen.isEmpty() ? null : BlockFilter.joined(screen);
        Set<BlockId> dead = new HashSet<>();
        repo.blocks.owned.forEach(machine, (id, times) -> {
            if (times.v0() < cutoff && times.v1() < cutoff && (first == null || !first.mayHold(id))) {
                dead.add(id);
            }
        });
        for (RepositoryFiles.PointFile p : points) {
            if (dead.isEmpty()) {
                return Set.of();
            }
            repo.manifests.strikeNamed(p, dead, id -> { });
        }
        if (dead.isEmpty()) {
            return Set.of();
        }
        try {
            compactOwnership(machine, dead);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not compact the ownership records of machine {} ({}); its unneeded blocks are released"
                    + " now and the records are compacted by a later prune", machine, e.getMessage());
        }
        repo.blocks.owned.release(machine, (id, times) -> dead.contains(id));
        Set<String> packs = new HashSet<>();
        for (BlockId id : dead) {
            Pack.Location loc = repo.blocks.index.get(id);
            if (loc != null) {
                packs.add(loc.pack());
                if (!repo.blocks.owned.ownedByAny(id)) { // dead now (checked per machine: counted once)
                    repo.retention.backlog.counts.released(loc.pack(), loc.stored());
                }
            }
        }
        return packs;
    }

    /**
     * Rewrites the machine's ownership without {@code dead}: new files of at most {@link
     * #OWNERSHIP_FILE_BLOCKS} blocks each first, then the old files are deleted (several at once:
     * {@link ParallelDeletes}). A new file is counted
     * among the machine's files as soon as it exists, so one left by a failure is compacted away later.
     */
    private void compactOwnership(String machine, Set<BlockId> dead) throws IOException {
        Set<String> files = repo.blocks.owned.files.computeIfAbsent(machine, m -> ConcurrentHashMap.newKeySet());
        Set<String> old = new HashSet<>(files);
        Map<BlockId, Long> batch = new LinkedHashMap<>();
        repo.blocks.owned.forEach(machine, (id, times) -> {
            if (dead.contains(id)) {
                return;
            }
            batch.put(id, times.v0());
            if (batch.size() == OWNERSHIP_FILE_BLOCKS) {
                writeBatch(machine, batch, files);
            }
        });
        if (!batch.isEmpty()) {
            writeBatch(machine, batch, files);
        }
        Set<String> written = new HashSet<>(files);
        written.removeAll(old);
        repo.refresh.compacted(written, List.of()); // from our table: not to be read back
        ParallelDeletes.delete(repo.backend, FileType.MACHINES, old, f -> {
            files.remove(f);
            repo.refresh.compacted(List.of(), List.of(f)); // gone by our hand, not another node's compaction
        });
    }

    private void writeBatch(String machine, Map<BlockId, Long> batch, Set<String> files) {
        try {
            files.add(repo.blocks.writeOwnershipFile(machine, batch));
            batch.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // out of the table's visitor; caught by dropOwnership
        }
    }

    /**
     * Drops the packs among {@code scope} none of whose blocks is live and repacks those more dead than
     * live (or holding a superseded, damaged copy), as {@code tally} counted them. A pack that could not
     * be counted or repacked is left as it is and owed a look by the next run ({@link SweepBacklog}).
     */
    private void collectPacks(PackTally tally, Set<String> scope) throws IOException {
        SweepBacklog backlog = repo.retention.backlog;
        for (String pack : tally.unread) {
            LOG.warn("index/{} is unreadable; data/{} is left as it is for now", pack, pack);
            backlog.owe(pack);
        }
        Set<BlockId> named = tally.named;
        // (a pack with a superseded, damaged copy is repacked even if mostly live: the copy must go)
        Set<String> gone = new HashSet<>();
        List<String> repacks = new ArrayList<>();
        for (String pack : scope) {
            if (!repo.blocks.index.holdsPack(pack) || tally.unread.contains(pack)) {
                continue;
            }
            long[] t = tally.bytes.get(pack);
            if (t == null || t[0] == 0) {
                gone.add(pack);
            } else if (t[1] > t[0] || repo.blocks.superseded.contains(pack)) {
                repacks.add(pack);
            }
        }
        if (shared != null) { // a young pack may be another node's upload whose ownership is on its way
            shared.keepYoung(gone);
            shared.keepYoung(repacks);
        }
        // the dead packs go first, in one pass: a repack below may write a pack of the same name again
        // (the same live blocks as a repack a crash interrupted), which must then stay
        if (tally.bounded) {
            gone.forEach(pack -> repo.blocks.index.drop(pack, tally.listed.get(pack))); // a few packs: no pass over the index
        } else {
            repo.blocks.index.drop(gone); // one pass over the index
        }
        gone.forEach(this::forget);
        backlog.counts.forget(gone);
        backlog.counts.forget(repacks); // repacked or owed: counted again from the index file if looked at
        packsDeleted += gone.size();
        for (String pack : repacks) {
            try {
                if (!repack(pack, named)) {
                    backlog.owe(pack);
                }
            } catch (IOException e) {
                // a full disk, say: the pack stays whole and is repacked by a later run
                LOG.warn("could not repack data/{} ({}); it stays as it is for now", pack, e.getMessage());
                backlog.owe(pack);
            }
        }
    }

    /**
     * Deletes the machines' manifest chunks no point names, once older than the grace period, and only
     * while no reader is open: a reader reads a point's chunks as it goes. Those left wait for a later run.
     */
    private void sweepChunks(Collection<String> machines, SweepPoints points) throws IOException {
        Duration keep = repo.options.pruneGrace();
        if (shared != null && repo.options.pruneMargin().compareTo(keep) > 0) {
            keep = repo.options.pruneMargin(); // a commit on another node may be reading them, its point not yet made
        }
        Instant cutoff = repo.options.clock().instant().minus(keep);
        List<Handle> unnamed = new ArrayList<>();
        List<String> files = repo.backend.list(FileType.MANIFESTS);
        for (String machine : machines) {
            Set<String> named = new HashSet<>();
            for (RepositoryFiles.PointFile file : points.files(repo.points(Optional.of(machine)))) {
                named.addAll(file.chunks());
                named.addAll(file.blockFilters());
            }
            for (String file : RepositoryFiles.names(files, machine)) {
                String name = file.substring(machine.length() + 1);
                if (!named.contains(name) && ManifestStore.storedAt(name).isBefore(cutoff)) {
                    unnamed.add(new Handle(FileType.MANIFESTS, file));
                }
            }
        }
        if (!unnamed.isEmpty()) {
            repo.gate.whenNoReader(() -> {
                for (Handle h : unnamed) {
                    repo.backend.delete(h);
                }
            });
        }
    }

    /** A pack the index no longer uses: its files are deleted when no reader is open ({@link #deletePending}). */
    private void forget(String pack) {
        repo.blocks.superseded.remove(pack);
        repo.gate.pending.add(pack);
    }

    /** Deletes the dropped packs (index first, then pack) unless a reader is open; those wait for the next run. */
    private void deletePending() throws IOException {
        if (repo.gate.pending.isEmpty()) {
            return;
        }
        repo.gate.whenNoReader(() -> {
            for (String pack : new ArrayList<>(repo.gate.pending)) {
                if (!repo.blocks.index.holdsPack(pack)) { // not written again (same blocks, same name) since
                    repo.backend.delete(new Handle(FileType.INDEX, pack));
                    repo.backend.delete(new Handle(FileType.DATA, pack));
                }
                repo.gate.pending.remove(pack);
            }
        });
    }

    /**
     * Copies the pack's live blocks (each checked first) into a new pack; which blocks it holds comes
     * from its {@code index/} file. A damaged pack, or one whose index file cannot be read, is left for
     * verify to report (and looked at again by the next run).
     *
     * @return false when the pack was left as it was
     */
    private boolean repack(String pack, Set<BlockId> named) throws IOException {
        Map<BlockId, Pack.Location> listed;
        try {
            listed = RepositoryFiles.index(repo.backend.read(new Handle(FileType.INDEX, pack)), pack);
        } catch (LifeboatException | IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            LOG.warn("index/{} is unreadable ({}); data/{} is not repacked", pack, e.getMessage(), pack);
            return false;
        }
        List<Pack.Item> items = new ArrayList<>();
        for (BlockId id : listed.keySet()) {
            Pack.Location loc = repo.blocks.index.get(id);
            if (loc == null || !loc.pack().equals(pack) || !(repo.blocks.owned.ownedByAny(id) || named.contains(id))) {
                continue; // dead, or its live copy lies in another pack
            }
            byte[] raw;
            byte[] record;
            try {
                raw = repo.blocks.readStored(id, loc);
                record = repo.backend.read(new Handle(FileType.DATA, pack), loc.offset(), Pack.HEADER + loc.stored());
            } catch (IntegrityException e) {
                return false;
            }
            items.add(new Pack.Item(id, Pack.body(id, loc, record), loc.encoding(), raw.length));
        }
        replacements.addAll(repo.blocks.writePacksReplacing(items));
        repo.blocks.index.drop(pack, listed.keySet()); // the dead blocks' entries; the live ones moved
        forget(pack);
        packsRepacked++;
        return true;
    }
}
