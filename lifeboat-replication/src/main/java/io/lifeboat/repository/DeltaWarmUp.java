package io.lifeboat.repository;

import io.lifeboat.repository.backend.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the vault's commit of a point sent as a delta ({@link DeltaCommit}: the parent's chunks
 * read and merged, the whole-manifest check, the digest, the new chunks cut) on a small tree in a
 * repository held in memory, on a background thread at the vault's start, so that the JIT has
 * compiled that path before an agent's first delta arrives. A fresh vault's first delta of a
 * 47,000-file tree cost it 1.9-2.7 CPU s, of which the compiler threads 1.6 s, on the request's
 * critical path (issue 14, session 11). The CPU is moved to the vault's start, not saved: a
 * long-running vault pays it once either way.
 *
 * <p>Nothing here touches the vault's repository or its disk; a failure is logged and changes
 * nothing (the real commits then compile as they go, as before).
 */
public final class DeltaWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaWarmUp.class);
    /** Files of the warm-up tree: each round calls the per-entry code this many times and more. */
    static final int FILES = 4000;
    /** Delta commits: enough calls of each per-entry method for C2 (about 5,000-15,000 calls each). */
    static final int ROUNDS = 6;
    private static final String MACHINE = "warm-up";
    private static final int BLOCK_SIZE = 32 << 10;

    private DeltaWarmUp() {
    }

    /** Starts {@link #run} on a daemon thread of the lowest priority, which ends when it is done. */
    public static void startInBackground() {
        Thread t = new Thread(() -> {
            long started = System.nanoTime();
            try {
                run(FILES, ROUNDS);
                LOG.debug("the delta commit path was warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | Error e) {
                LOG.warn("warming up the delta commit path failed (the first commits compile it instead): {}", e.toString());
            }
        }, "lifeboat-delta-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * A tree of {@code files} one-block files committed whole, then {@code rounds} points with 1% of
     * its files changed, each committed as a delta of the one before, in a repository in memory.
     *
     * @return the last point committed
     */
    static PointInfo run(int files, int rounds) {
        PointMeta meta = new PointMeta(0, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "live");
        try (Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults())) {
            List<Entry> entries = new ArrayList<>(files + files / 100 + 1);
            List<BlockUpload> uploads = new ArrayList<>(files);
            entries.add(new Entry("", EntryType.DIRECTORY, 0755, 0, 0, null, List.of()));
            for (int i = 0; i < files; i++) {
                if (i % 100 == 0) {
                    entries.add(new Entry(folder(i), EntryType.DIRECTORY, 0755, 0, 0, null, List.of()));
                }
                byte[] body = ("lifeboat delta warm-up block " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                BlockId id = BlockId.of(body);
                uploads.add(new BlockUpload(id, body, BlockEncoding.RAW));
                entries.add(new Entry(folder(i) + String.format("/f%06d", i), EntryType.FILE, 0644, 1, body.length, null,
                        List.of(new BlockRef(id, body.length))));
            }
            repo.putBlocks(MACHINE, uploads);
            Manifest parent = tree(entries);
            PointInfo point = repo.commitPoint(MACHINE, parent, meta);
            for (int r = 1; r <= rounds; r++) {
                for (int k = 0; k < entries.size(); k += 100) { // 1%: a new mtime, the same block
                    Entry e = entries.get(k);
                    if (e.type() == EntryType.FILE) {
                        entries.set(k, new Entry(e.path(), e.type(), e.mode(), r + 1L, e.size(), null, e.blocks()));
                    }
                }
                Manifest child = tree(entries);
                point = DeltaCommit.commit(repo, MACHINE, ManifestDelta.between(point.id(), parent, child), meta);
                parent = child;
            }
            return point;
        }
    }

    /** Names of equal length: the walk's name order is their numeric order. */
    private static String folder(int file) {
        return String.format("d%06d", file / 100);
    }

    private static Manifest tree(List<Entry> entries) {
        return new Manifest(Manifest.FORMAT_VERSION, "/warm-up", SourceKind.DIRECTORY, BLOCK_SIZE, List.copyOf(entries));
    }
}
