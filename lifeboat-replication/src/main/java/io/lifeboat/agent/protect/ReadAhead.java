package io.lifeboat.agent.protect;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The read-ahead threads of one pass, and how the walking thread waits for what they read. */
final class ReadAhead {
    /** Made on first use, shut down by {@link #shutdown} at the end of the pass. */
    private ExecutorService pool;

    /**
     * The threads (one per core, at least two) that read ahead of the walking thread: the next group
     * of a file while the current one is handed over, and in a tree the next children of a folder.
     * A pipeline of stages (reading and hashing, handing over and asking the vault, sealing, sending),
     * each bounded, so memory stays near a group (and a folder's look-ahead), three windows and two
     * batches.
     */
    ExecutorService pool() {
        if (pool == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "lifeboat-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    /** Ends the threads; called once every read they started was taken or discarded. */
    void shutdown() {
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    static <T> T take(Future<T> ahead) throws IOException, InterruptedException {
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /** The result of a read in flight once it is done, or null if it failed or there was none; never interrupted. */
    static <T> T await(Future<T> ahead) {
        if (ahead == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return ahead.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | RuntimeException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
