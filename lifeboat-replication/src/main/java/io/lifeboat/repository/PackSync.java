package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.NameTaken;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Group commit of new blocks. An upload's pack, its index and the machine's ownership record are
 * written behind ({@link Backend#stage}: no sync), indexed in memory at once (so the blocks count
 * as present), and made durable later, many uploads' files at once, by one {@link Backend#publish}:
 * packs synced and linked, then indexes, then ownership records; a commit's new manifest chunks and
 * block filter parts join the group just before its point file's sync ({@link PointCommitter}). Whoever needs them durable calls
 * {@link #syncAll}: a point commit before its point file is written (so no point ever names a block
 * a crash could lose), retention and verify before they read index files, a read of a block whose
 * pack is still staged, and the close. Callers that arrive while a sync runs wait for it and then
 * share the next one: one round of syncs for all of them. When more than {@link #maxPendingBytes}
 * are staged the uploader that crossed the line syncs, which bounds what a crash can lose (and what
 * a store without temporaries holds in memory).
 *
 * <p>A manifest chunk or filter part is staged without asking whether its name exists (its name is
 * its time and its SHA-256, so a file already there holds these bytes unless it is damaged): one whose
 * name the publish finds holding other bytes ({@link NameTaken}) is set aside, the rest of the group
 * published, and the commit that staged it publishes it under a salted name ({@link #taken}).
 *
 * <p>What a crash does: staged files are temporaries (removed when the repository opens next) or
 * memory, so blocks uploaded since the last sync are simply missing afterwards; the agent's next
 * pass asks for them again (or its commit is refused {@code 409 missing_blocks} and it resends).
 */
final class PackSync {
    /** Types in the order a publish makes them visible: a name is never durable before what it names. */
    private static final Comparator<Backend.Staged> ORDER = Comparator.comparingInt(s -> rank(s.handle().type()));

    private final Backend backend;
    private final long maxPendingBytes;
    private final Object lock = new Object();
    private List<Backend.Staged> pending = new ArrayList<>();
    /** Manifest chunks and filter parts a publish refused (their names held other bytes), until their commit asks. */
    private final List<Backend.Staged> taken = new ArrayList<>();
    /** Packs not yet durable, with the group number that made them durable once synced. */
    private final Map<String, Long> pendingPacks = new HashMap<>();
    private long pendingBytes;
    private long staged;
    private long durable;
    private long syncs;
    private boolean syncing;

    PackSync(Backend backend, long maxPendingBytes) {
        this.backend = backend;
        this.maxPendingBytes = maxPendingBytes;
    }

    private static int rank(FileType t) {
        return switch (t) {
            case DATA -> 0;
            case INDEX -> 1;
            default -> 2;
        };
    }

    /**
     * Adds one group of staged files (a pack, its index, an ownership record; {@code pack} may be
     * null for a record alone). Syncs everything when the staged bytes pass the bound.
     */
    void add(List<Backend.Staged> files, String pack, long bytes) throws IOException {
        boolean full;
        synchronized (lock) {
            pending.addAll(files);
            staged++;
            if (pack != null) {
                pendingPacks.put(pack, staged);
            }
            pendingBytes += bytes;
            full = pendingBytes >= maxPendingBytes;
        }
        if (full) {
            syncAll();
        }
    }

    /** True while {@code pack} is staged and not yet durable (it cannot be read from the store yet). */
    boolean isPending(String pack) {
        synchronized (lock) {
            return pendingPacks.containsKey(pack);
        }
    }

    /** Rounds of syncs done so far (for tests: several commits share one). */
    long syncs() {
        synchronized (lock) {
            return syncs;
        }
    }

    /**
     * The files of {@code files} a publish set aside because their names held other bytes, forgotten
     * here: still staged, not published; the caller publishes each under another name or discards it.
     */
    List<Backend.Staged> taken(List<Backend.Staged> files) {
        synchronized (lock) {
            List<Backend.Staged> mine = new ArrayList<>();
            for (Backend.Staged s : files) {
                if (removeSame(taken, s)) {
                    mine.add(s);
                }
            }
            return mine;
        }
    }

    /**
     * Publishes {@code ordered}; a manifest chunk or filter part whose name holds other bytes is taken
     * out of it (and kept in {@link #taken}) and the rest published again. A pack, index or record whose
     * name is taken fails the publish, as before.
     */
    private void publish(List<Backend.Staged> ordered) throws IOException {
        while (true) {
            try {
                backend.publish(ordered);
                return;
            } catch (NameTaken e) {
                if (e.staged().handle().type() != FileType.MANIFESTS || !removeSame(ordered, e.staged())) {
                    throw e;
                }
                synchronized (lock) {
                    taken.add(e.staged());
                }
            }
        }
    }

    /** Removes {@code s} itself (not an equal record) from {@code list}; true when it was there. */
    private static boolean removeSame(List<Backend.Staged> list, Backend.Staged s) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == s) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }

    /**
     * Returns once everything staged before the call is durable: waits for a sync under way, then
     * runs one for what is left (taking along whatever others staged meanwhile).
     */
    void syncAll() throws IOException {
        long target;
        synchronized (lock) {
            target = staged;
        }
        while (true) {
            List<Backend.Staged> batch;
            long upTo;
            long bytes;
            synchronized (lock) {
                while (syncing && durable < target) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for the pack sync");
                    }
                }
                if (durable >= target) {
                    return;
                }
                syncing = true;
                batch = pending;
                pending = new ArrayList<>();
                upTo = staged;
                bytes = pendingBytes;
            }
            List<Backend.Staged> ordered = new ArrayList<>(batch);
            ordered.sort(ORDER); // stable: each type keeps its upload order
            try {
                publish(ordered);
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    pending.addAll(0, ordered); // retried by the next sync (but for what was set aside)
                    syncing = false;
                    lock.notifyAll();
                }
                throw e;
            }
            synchronized (lock) {
                durable = upTo;
                syncs++;
                syncing = false;
                pendingBytes -= bytes;
                pendingPacks.values().removeIf(group -> group <= upTo);
                lock.notifyAll();
            }
        }
    }
}
