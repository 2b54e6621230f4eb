package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads and decodes {@code index/} files ahead of an open, several at once, and hands them over in
 * the order they were listed. On Azure Blob Storage each file is one GET, whose round trip, not the
 * bytes, sets the pace (some 65,000 packs per TiB stored); on a local disk whose files are not cached it
 * keeps the disk's queue filled; and the decoding (JSON for an older vault's indexes) runs beside the
 * caller's inserts. The caller keeps the table to itself: only reading and decoding run here.
 *
 * <p>At most {@link #IN_FLIGHT} files are read or held at a time, on as many daemon threads, which
 * {@link #close} stops; a file's failure is handed over with its name, in its turn, never thrown
 * from another thread.
 */
final class IndexReadAhead implements AutoCloseable {
    /** Files read at once: enough to hide a store's round trips, few enough to hold little memory. */
    static final int IN_FLIGHT = 8;

    /** One file: its index, or why it could not be had ({@link IOException} or a malformed file's exception). */
    record Read(String name, PackIndex index, Exception failure) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Backend backend;
    private final Iterator<String> names;
    private final ArrayDeque<Future<Read>> window = new ArrayDeque<>();
    private final ExecutorService pool;

    IndexReadAhead(Backend backend, List<String> names) {
        this.backend = backend;
        this.names = names.iterator();
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(IN_FLIGHT, names.size())), r -> {
            Thread t = new Thread(r, "lifeboat-index-read-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        while (window.size() < IN_FLIGHT && this.names.hasNext()) {
            submit(this.names.next());
        }
    }

    /** True while a file is left to hand over. */
    boolean hasNext() {
        return !window.isEmpty();
    }

    /** The next file in listed order, waiting for it; starts reading the next listed one. */
    Read next() throws IOException {
        Future<Read> f = window.removeFirst();
        if (names.hasNext()) {
            submit(names.next());
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the repository's indexes");
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading an index failed unexpectedly", e.getCause());
        }
    }

    private void submit(String name) {
        window.addLast(pool.submit(() -> {
            try {
                return new Read(name, PackIndexCodec.read(backend.read(new Handle(FileType.INDEX, name)), name), null);
            } catch (IOException | RuntimeException e) {
                return new Read(name, null, e);
            }
        }));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
