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
 * Reads and decodes files of one type ahead of an open, several at once, and hands them over in the
 * order they were listed: the {@code index/} files, and the ownership records under {@code machines/}.
 * On Azure Blob Storage each file is one GET, whose round trip, not the bytes, sets the pace (some
 * 65,000 packs per TiB stored, and as many ownership records until retention compacts them); on a
 * local disk whose files are not cached it keeps the disk's queue filled; and the decoding (JSON for an
 * older vault's files) runs beside the caller's inserts. The caller keeps its tables to itself: only
 * reading and decoding run here.
 *
 * <p>At most {@link #IN_FLIGHT} files are read or held at a time, on as many daemon threads, which
 * {@link #close} stops; a file's failure is handed over with its name, in its turn, never thrown
 * from another thread.
 */
final class FileReadAhead<T> implements AutoCloseable {
    /** Files read at once: enough to hide a store's round trips, few enough to hold little memory. */
    static final int IN_FLIGHT = 8;

    /** One file's decoding; a malformed file throws (a {@link io.lifeboat.tls.LifeboatException} naming it). */
    interface Decoder<T> {
        T decode(byte[] bytes, String name);
    }

    /** One file: what it decoded to, or why it could not be had ({@link IOException} or a malformed file's exception). */
    record Read<T>(String name, T value, Exception failure) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Backend backend;
    private final FileType type;
    private final Decoder<T> decoder;
    private final Iterator<String> names;
    private final ArrayDeque<Future<Read<T>>> window = new ArrayDeque<>();
    private final ExecutorService pool;

    FileReadAhead(Backend backend, FileType type, List<String> names, Decoder<T> decoder) {
        this.backend = backend;
        this.type = type;
        this.decoder = decoder;
        this.names = names.iterator();
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(IN_FLIGHT, names.size())), r -> {
            Thread t = new Thread(r, "lifeboat-" + type.name().toLowerCase(java.util.Locale.ROOT) + "-read-" + pool + "-"
                    + thread.incrementAndGet());
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
    Read<T> next() throws IOException {
        Future<Read<T>> f = window.removeFirst();
        if (names.hasNext()) {
            submit(names.next());
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the repository's " + type + " files");
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a " + type + " file failed unexpectedly", e.getCause());
        }
    }

    private void submit(String name) {
        window.addLast(pool.submit(() -> {
            try {
                return new Read<>(name, decoder.decode(backend.read(new Handle(type, name)), name), null);
            } catch (IOException | RuntimeException e) {
                return new Read<>(name, null, e);
            }
        }));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
