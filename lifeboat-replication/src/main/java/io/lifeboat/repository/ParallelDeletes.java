package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Deletes files of one type several at once, for a caller to whom their order does not matter (each is
 * deleted only after what replaces it is durable): the ownership records a compaction replaced, one per
 * pack uploaded since the last, so hundreds per machine. On Azure Blob each delete is a request whose
 * round trip, not any work, sets the pace; one after another they were most of a shared prune's wall.
 *
 * <p>At most {@link #IN_FLIGHT} deletes at a time, on daemon threads that have ended when {@link #delete}
 * returns. After a failure no further delete starts (as a loop would stop), the ones under way end, and
 * the first failure is thrown; the files not deleted stay, which only claims more.
 */
final class ParallelDeletes {
    /** Deletes at once: as {@link FileReadAhead}'s reads, enough to hide a store's round trips. */
    static final int IN_FLIGHT = 8;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private ParallelDeletes() {
    }

    /** Deletes {@code names} of {@code type}, handing each one deleted to {@code deleted} (on any thread). */
    static void delete(Backend backend, FileType type, Collection<String> names, Consumer<String> deleted)
            throws IOException {
        if (names.isEmpty()) {
            return;
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, names.size()), r -> {
            Thread t = new Thread(r, "lifeboat-" + type.name().toLowerCase(java.util.Locale.ROOT) + "-delete-" + pool + "-"
                    + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<Void>> done = new ArrayList<>(names.size());
        try {
            for (String name : names) {
                done.add(threads.submit(() -> {
                    if (!failed.get()) {
                        try {
                            backend.delete(new Handle(type, name));
                        } catch (IOException | RuntimeException e) {
                            failed.set(true);
                            throw e;
                        }
                        deleted.accept(name);
                    }
                    return null;
                }));
            }
            IOException first = null;
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof IOException io ? io
                                : new IOException("cannot delete " + type + " files: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while deleting " + type + " files");
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
