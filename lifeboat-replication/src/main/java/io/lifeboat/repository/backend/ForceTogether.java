package io.lifeboat.repository.backend;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs one durable-write step (an {@code fsync} of a file or a folder) for many files at once, and
 * returns when every one has returned. A group commit syncs a pass's packs, their indexes, records and
 * manifest chunks: one after another, each {@code fsync} waits for its own journal commit; issued
 * together, the file system writes their data side by side and one journal commit serves several
 * (issue 14, session 19). Nothing is made visible here: the caller links names only after this returns,
 * so the order a group commit keeps (a name durable only after what it names) is unchanged.
 */
final class ForceTogether {
    /** At most this many syncs at once (a full pass's group holds a hundred files or more). */
    static final int MAX_THREADS = 8;
    private static final ThreadPoolExecutor POOL = pool();

    private ForceTogether() {
    }

    /** One step for one item. */
    @FunctionalInterface
    interface Step<T> {
        void run(T item) throws IOException;
    }

    /**
     * Runs {@code step} for every item, all but the first on the pool and the first on the calling
     * thread, and waits for all of them (also when one fails); throws the first failure, in list order.
     */
    static <T> void all(List<T> items, Step<T> step) throws IOException {
        if (items.size() <= 1) {
            for (T item : items) {
                step.run(item);
            }
            return;
        }
        List<Future<?>> started = new ArrayList<>(items.size() - 1);
        for (T item : items.subList(1, items.size())) {
            started.add(POOL.submit(() -> {
                step.run(item);
                return null;
            }));
        }
        IOException failed = null;
        try {
            step.run(items.get(0));
        } catch (IOException e) {
            failed = e;
        }
        boolean interrupted = false;
        for (Future<?> f : started) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the syncs under way must end before the caller goes on
                } catch (ExecutionException e) {
                    failed = failed != null ? failed : asIo(e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw failed != null ? failed : new InterruptedIOException("interrupted while syncing files");
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static IOException asIo(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(t);
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lifeboat-sync");
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true); // no thread kept while nothing is synced
        return p;
    }
}
