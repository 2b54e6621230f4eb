package io.lifeboat.restore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gets the disk writing a restored file while the rest of it is still fetched and verified. After
 * every {@link #EVERY} bytes written, one background {@code fdatasync} of the file so far (at most
 * one at a time, on a thread of its own); the writer goes on filling the page cache meanwhile.
 *
 * <p>Without it, a failover of 1 GiB left the whole GiB dirty in the page cache (the kernel starts
 * writing back only at 10% of memory or after 30 s) and the one {@code fsync} at the end then waited
 * for all of it: the disk's time came after the reading and hashing instead of beside them. These
 * syncs are not what makes the file durable: the writer's own {@code force} at the end is, and
 * nothing is reported done before it. (Java has no {@code sync_file_range}, which would start the
 * writeback without waiting for it; a waiting thread of our own does the same.)
 */
final class EarlyWriteback implements AutoCloseable {
    /** Bytes written between two background syncs. */
    static final long EVERY = 64L << 20;

    private final FileChannel ch;
    /** Made at the first sync: a file smaller than {@link #EVERY} (most files of a tree) costs no thread. */
    private ExecutorService thread;
    private long since;
    private Future<?> running;
    private int syncs;

    EarlyWriteback(FileChannel ch) {
        this.ch = ch;
    }

    /** Counts {@code bytes} just written; starts a background sync when enough were and none runs. */
    void wrote(long bytes) throws IOException {
        since += bytes;
        if (since < EVERY || running != null && !running.isDone()) {
            return;
        }
        awaitRunning(); // a sync that failed fails the write here, not only at the end
        since = 0;
        syncs++;
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "lifeboat-failover-writeback");
                t.setDaemon(true);
                return t;
            });
        }
        running = thread.submit(() -> {
            ch.force(false);
            return null;
        });
    }

    /** Waits for the sync in flight, if any; its failure is thrown here. */
    void awaitRunning() throws IOException {
        if (running == null) {
            return;
        }
        try {
            running.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("background sync failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a background sync", e);
        } finally {
            running = null;
        }
    }

    /** Background syncs started so far. */
    int syncs() {
        return syncs;
    }

    /**
     * Stops the thread once its sync (if any) is over. Never interrupts it: an interrupted thread
     * in {@code force} would close the channel under the writer.
     */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
        }
    }
}
