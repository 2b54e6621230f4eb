package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The point-commit path of a {@link Repository}: checks and stores the chunks of a manifest being sent,
 * then makes a point visible after checking the whole manifest, making its blocks durable (group
 * commit, {@link PackSync}) and creating its point file; then owes retention, which runs before the commit
 * returns or after it ({@link RetentionTiming}, {@link RetentionQueue}). The repository's
 * public methods of the same names are the contract; the caller has checked that the repository is
 * writable and the machine name is well-formed.
 */
final class PointCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(PointCommitter.class);

    private final Repository repo;

    PointCommitter(Repository repo) {
        this.repo = repo;
    }

    /** {@link Repository#putManifestChunk}. */
    String putManifestChunk(String machine, byte[] stored) {
        repo.rw.readLock().lock();
        try {
            ManifestCheck check = ManifestCheck.fragment(repo.options.maxBlockBytes(), id -> repo.blocks.has(machine, id));
            ManifestChunkReader.read("manifest chunk of machine " + machine, stored, check);
            check.finish(machine);
            return repo.manifests.put(machine, stored);
        } catch (IOException e) {
            throw Repository.storage("store a manifest chunk of machine " + machine, e);
        } finally {
            repo.rw.readLock().unlock();
        }
    }

    /** {@link Repository#commitPoint(String, ManifestHeader, List, PointMeta)}. */
    PointInfo commit(String machine, ManifestHeader header, List<String> chunks, PointMeta meta, RetentionTiming timing) {
        if (chunks.isEmpty()) {
            throw new RepositoryException(Kind.USAGE, "a point commit names no manifest chunk (an empty manifest is one chunk)");
        }
        return committed(machine, header, meta, timing, guard -> {
            try {
                return checkWhole(machine, header, chunks, true, guard);
            } catch (ManifestCheck.OutOfOrder e) {
                // not listed as the agent lists: keep every path
                return checkWhole(machine, header, chunks, false, guard);
            }
        });
    }

    /**
     * Builds a manifest into the visitor it is given, from its first piece to its last (a delta
     * merged into its parent's manifest: {@link DeltaCommit}). It may be called a second time, from
     * the start, when the first build's paths came out of order.
     */
    @FunctionalInterface
    interface ManifestBuild {
        void build(ManifestVisitor out);
    }

    /**
     * Commits a point whose manifest the vault builds itself. The manifest is checked once, as it is
     * built: each chunk, as the chunker cuts it, is read in its plain form (in memory) through the
     * same {@link ManifestChunkReader} and whole-manifest {@link ManifestCheck} a commit of an agent's
     * chunks uses (every rule, every non-zero block stored for {@code machine}), then compressed and
     * stored. The stored chunks are not checked again one by one nor read back: they hold what was
     * checked. Reading the plain form, not the pieces as they are built, keeps the check on the code
     * the vault has already compiled for agents' chunks: checking the pieces directly made a fresh
     * vault's first delta cost 0.4-0.6 CPU-s more JIT compilation in {@code bench/tree.sh} than it
     * saved ({@code docs/performance.md}, issue 14, session 10). A build or check that fails leaves
     * only chunks no point names, which retention collects.
     */
    PointInfo commitBuilt(String machine, ManifestHeader header, ManifestBuild build, PointMeta meta,
            RetentionTiming timing) {
        return committed(machine, header, meta, timing, guard -> {
            List<String> chunks = new ArrayList<>();
            try {
                return storeChecked(machine, header, build, true, guard, chunks);
            } catch (ManifestCheck.OutOfOrder e) {
                chunks.clear(); // those stored are named by no point: retention collects them
                return storeChecked(machine, header, build, false, guard, chunks);
            } catch (java.io.UncheckedIOException e) {
                throw Repository.storage("store the manifest of a point of machine " + machine, e.getCause());
            }
        });
    }

    /**
     * Hands a manifest that chunks the machine has stored already hold, as they are, to the visitor it
     * is given, and returns the point file that names those chunks ({@link DeltaCommit}: an unchanged
     * source's parent; its chunks and its block filter, which holds the same blocks, are named again).
     * It may be called a second time, from the start, when the first pass's paths came out of order.
     */
    @FunctionalInterface
    interface StoredBuild {
        PointFile build(ManifestVisitor out);
    }

    /**
     * Commits a point that names chunks stored before (its parent's, when a delta changes nothing)
     * instead of writing new ones: the manifest they hold is checked as it is read, under the
     * commit's guard, exactly as {@link #commitBuilt} checks a built one (every rule, every non-zero
     * block stored for {@code machine} now: retention or a prune may have dropped some since the
     * parent was committed), and the point file names the same chunks. Two points naming one chunk
     * is what a sweep already expects (a chunk goes only when no point names it), and the commit
     * holds the repository's read lock from the parent's point file read to the new one created, so
     * no retention deletes the chunks in between. For a 1 GiB image this saves the new chunk's
     * encoding, compression and durable write and its second parse (issue 14, session 12).
     */
    PointInfo commitOnStored(String machine, ManifestHeader header, StoredBuild build, PointMeta meta,
            RetentionTiming timing) {
        return committed(machine, header, meta, timing, guard -> {
            try {
                return checkStored(machine, header, build, true, guard);
            } catch (ManifestCheck.OutOfOrder e) {
                return checkStored(machine, header, build, false, guard); // not listed as the agent lists: keep every path
            }
        });
    }

    private Checked checkStored(String machine, ManifestHeader header, StoredBuild build, boolean ordered,
            CommitGuard guard) {
        ManifestCheck check = ManifestCheck.whole(header.kind(), header.blockSize(), repo.options.maxBlockBytes(), guard.has());
        if (ordered) {
            check.expectingOrder();
        }
        // no part stored as it fills: the parent's filter, when it has one, holds the same blocks
        BlockFilter.Collector filter = new BlockFilter.Collector(check, null);
        ManifestStore.Counting counting = new ManifestStore.Counting(filter);
        PointFile stored = build.build(counting);
        List<String> chunks = stored.chunks();
        if (chunks.isEmpty()) {
            throw new RepositoryException(Kind.USAGE, "a point commit names no manifest chunk (an empty manifest is one chunk)");
        }
        check.finish(machine);
        return new Checked(counting.summary(chunks.size()), List.copyOf(chunks), filter,
                stored.blockFilters().isEmpty() ? null : stored.blockFilters(), new WrittenBehind());
    }

    /**
     * A manifest checked against the rules and what the machine has stored, its chunks, and its block
     * filter: {@code storedFilter} (its parts) when one stored before holds the same blocks (null: none),
     * else the one {@code blocks} built (its full parts staged already) is to be finished; {@code behind}:
     * the chunks and filter parts written behind, made durable by the commit's group commit.
     */
    private record Checked(ManifestSummary summary, List<String> chunks, BlockFilter.Collector blocks,
            List<String> storedFilter, WrittenBehind behind) {
    }

    /**
     * The manifest chunks and block filter parts a commit stages ({@link ManifestStore#stage}) rather
     * than syncing each (its file, then its folder) as it is stored: they join the group commit that
     * makes the pass's packs durable before the point file is created, so one round of syncs covers
     * them all (issue 14, session 19: a tree's 1% delta rewrites every chunk of its manifest).
     */
    private static final class WrittenBehind {
        private final List<Backend.Staged> files = new ArrayList<>();
        private long bytes;

        /** Stages one chunk or part of {@code machine}; returns its name. */
        String stage(ManifestStore manifests, String machine, byte[] stored) throws IOException {
            ManifestStore.StagedChunk chunk = manifests.stage(machine, stored);
            files.add(chunk.staged());
            bytes += stored.length;
            return chunk.name();
        }

        /**
         * Once the group commit ran: publishes each file whose name it found holding other bytes
         * ({@link PackSync#taken}) under a salted name, until none is left; returns the new name of
         * each old one (empty nearly always), for the point file to name.
         */
        java.util.Map<String, String> settle(PackSync sync, ManifestStore manifests, String machine) throws IOException {
            java.util.Map<String, String> renamed = new java.util.HashMap<>();
            java.util.Map<String, String> origin = new java.util.HashMap<>(); // a salted name, and the name it replaced
            for (List<Backend.Staged> taken = sync.taken(files); !taken.isEmpty(); taken = sync.taken(files)) {
                List<Backend.Staged> again = new ArrayList<>();
                for (Backend.Staged s : taken) {
                    files.remove(s);
                    String old = s.handle().name().substring(machine.length() + 1);
                    ManifestStore.StagedChunk chunk = manifests.renamed(machine, s);
                    // a name staged twice in the commit (the same bytes) is named by its last copy: each holds them
                    renamed.put(origin.getOrDefault(old, old), chunk.name());
                    origin.put(chunk.name(), origin.getOrDefault(old, old));
                    again.add(chunk.staged());
                }
                files.addAll(again);
                sync.add(again, null, 0);
                sync.syncAll();
            }
            return renamed;
        }

        /**
         * A failed group commit: the files its publish set aside (their names held other bytes) are no
         * longer pending for anyone, and this commit will not settle them; dropped, with their
         * temporaries, rather than kept by the sync until the process ends.
         */
        void dropSetAside(PackSync sync, Backend backend) {
            backend.discard(sync.taken(files));
        }

        /** A refused or retried build: what it staged will never be named (no temporary is left behind). */
        void discard(Backend backend) {
            backend.discard(files);
            files.clear();
        }
    }

    /** Checks a manifest's chunks (or stores them checked) for a commit; under the commit's guard. */
    @FunctionalInterface
    private interface Check {
        Checked run(CommitGuard guard) throws IOException;
    }

    /**
     * The frame of every commit: under the repository's read lock and a {@link CommitGuard} (no
     * prune removes what the point names meanwhile), checks the manifest, publishes the point once
     * its data is durable, then, outside the lock, runs retention or leaves it to the retention thread.
     */
    private PointInfo committed(String machine, ManifestHeader header, PointMeta meta, RetentionTiming timing,
            Check check) {
        if (header.source() == null) {
            throw new RepositoryException(Kind.USAGE, "manifest without a source name");
        }
        PointInfo info;
        repo.rw.readLock().lock();
        try {
            CommitGuard guard = new CommitGuard(repo, machine);
            guard.before();
            Checked checked = check.run(guard);
            info = publish(machine, header, checked, meta, guard);
        } catch (IOException e) {
            throw Repository.storage("commit a point of machine " + machine, e);
        } finally {
            repo.rw.readLock().unlock();
        }
        if (timing == RetentionTiming.QUEUED) {
            repo.retention.owe(machine);
        } else {
            repo.retention.runNow(machine);
        }
        return info;
    }

    /** Builds the manifest into stored chunks, each checked before it is stored; returns the counts. */
    private Checked storeChecked(String machine, ManifestHeader header, ManifestBuild build, boolean ordered,
            CommitGuard guard, List<String> chunks) {
        ManifestCheck check = ManifestCheck.whole(header.kind(), header.blockSize(), repo.options.maxBlockBytes(), guard.has());
        if (ordered) {
            check.expectingOrder();
        }
        WrittenBehind behind = new WrittenBehind();
        BlockFilter.Collector filter = filterStagedFor(machine, check, behind);
        ManifestStore.Counting counting = new ManifestStore.Counting(filter);
        String what = "manifest chunk of machine " + machine + " built by the vault";
        ManifestChunker chunker = new ManifestChunker(stored -> {
            try {
                chunks.add(behind.stage(repo.manifests, machine, stored));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, plain -> ManifestChunkReader.readPlain(what, plain, counting));
        try {
            build.build(chunker);
            chunker.finish();
            check.finish(machine);
        } catch (RuntimeException e) {
            behind.discard(repo.backend);
            throw e;
        }
        return new Checked(counting.summary(chunks.size()), List.copyOf(chunks), filter, null, behind);
    }

    /**
     * Group commit, then the point file: the blocks the checked manifest names may lie in packs written
     * behind, and its new chunks and filter parts are written behind too; they are made durable (with
     * whatever else is staged, for every commit waiting now) before the point exists.
     */
    private PointInfo publish(String machine, ManifestHeader header, Checked checked, PointMeta meta, CommitGuard guard)
            throws IOException {
        ManifestSummary summary = checked.summary();
        List<String> filter = checked.storedFilter() != null ? checked.storedFilter() : checked.blocks().finish();
        WrittenBehind behind = checked.behind();
        if (!behind.files.isEmpty()) {
            repo.blocks.sync.add(behind.files, null, behind.bytes);
        }
        java.util.Map<String, String> renamed;
        try {
            repo.blocks.sync.syncAll();
            renamed = behind.settle(repo.blocks.sync, repo.manifests, machine);
        } catch (IOException | RuntimeException e) {
            behind.dropSetAside(repo.blocks.sync, repo.backend);
            throw e;
        }
        List<String> chunks = checked.chunks().stream().map(n -> renamed.getOrDefault(n, n)).toList();
        List<String> filterNames = filter == null ? null : filter.stream().map(n -> renamed.getOrDefault(n, n)).toList();
        Instant created = repo.options.clock().instant();
        while (true) {
            PointInfo info = new PointInfo(Repository.uniqueName(created), machine, created, header.source(), header.kind(),
                    summary.sourceBytes(), meta.bytesSent(), meta.tlsVersion(), meta.cipherSuite(), meta.consistency());
            Handle h = new Handle(FileType.POINTS, machine + "/" + info.id());
            PointFile file = new PointFile(info, header, summary, chunks, filterNames);
            if (repo.backend.create(h, RepositoryFiles.point(file))) {
                guard.after(h, info);
                repo.points.computeIfAbsent(machine, m -> new ConcurrentHashMap<>()).put(info.id(), info);
                if (repo.refresh.enabled()) { // the next sweeps there ask every kept point: not to be read back
                    repo.retention.backlog.keepPointFile(file);
                }
                return info;
            }
        }
    }

    /**
     * A {@link BlockFilter.Collector} that stages the point's filter beside its chunks ({@code behind}),
     * each part as it fills and the last at {@link #publish}, whose group commit makes them durable
     * before the point file names them all (a crash between leaves temporaries, or files no point names,
     * which the sweep of manifest chunks collects). A part that could not be staged leaves the point
     * without a filter: retention reads its manifest in full, as it does an older vault's points.
     */
    private BlockFilter.Collector filterStagedFor(String machine, ManifestVisitor check, WrittenBehind behind) {
        if (!repo.refresh.enabled()) {
            return new BlockFilter.Collector(check, part -> behind.stage(repo.manifests, machine, part));
        }
        // on a shared store the sweep right after this commit asks the new point's filter: held, not read back
        // (its name carries the SHA-256 of these bytes; a part of a commit that fails is asked by no point)
        return new BlockFilter.Collector(check, part -> {
            String name = behind.stage(repo.manifests, machine, part);
            repo.retention.backlog.parts.keep(machine + "/" + name, BlockFilter.decode(part, ManifestStore.where(machine, name)),
                    part.length);
            return name;
        });
    }

    /** Reads the chunks in order through a {@link ManifestCheck} of the whole manifest; returns its counts. */
    private Checked checkWhole(String machine, ManifestHeader header, List<String> chunks, boolean ordered,
            CommitGuard guard) throws IOException {
        ManifestCheck check = ManifestCheck.whole(header.kind(), header.blockSize(), repo.options.maxBlockBytes(), guard.has());
        if (ordered) {
            check.expectingOrder();
        }
        WrittenBehind behind = new WrittenBehind();
        BlockFilter.Collector filter = filterStagedFor(machine, check, behind);
        ManifestStore.Counting counting = new ManifestStore.Counting(filter);
        try {
            for (String name : chunks) {
                ManifestChunkReader.read(ManifestStore.where(machine, name), repo.manifests.read(machine, name), counting);
            }
            check.finish(machine);
        } catch (IOException | RuntimeException e) {
            behind.discard(repo.backend);
            throw e;
        }
        return new Checked(counting.summary(chunks.size()), List.copyOf(chunks), filter, null, behind);
    }

    /**
     * {@link Repository#commitPoint(String, Manifest, PointMeta)}: the manifest is in memory, so it is
     * committed as the vault commits one it builds ({@link #commitBuilt}): each chunk checked in its
     * plain form as it is cut, then staged for the group commit, and not read back. Before (to session
     * 22) its chunks were stored one by one and then read back and checked whole, as an agent's
     * uploaded chunks are: on a shared store a GET of every chunk just written (issue 14, session 23).
     */
    PointInfo commit(String machine, Manifest manifest, PointMeta meta, RetentionTiming timing) {
        ManifestRules.check(manifest, repo.options.maxBlockBytes());
        return commitBuilt(machine, ManifestHeader.of(manifest), out -> out.replay(manifest), meta, timing);
    }
}
