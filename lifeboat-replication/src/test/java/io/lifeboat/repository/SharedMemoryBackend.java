package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.repository.backend.WriterLease;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store shared by several writer nodes, in memory, for tests of the multi-writer rules in one JVM:
 * the files of one {@link MemoryBackend}, a lease (so a repository on it is shared, as on Azure Blob)
 * that one holder at a time may take, and creation times from the test's clock. Each node opens its
 * own view ({@link #node}) of the same files, as two vault processes would.
 */
final class SharedMemoryBackend implements Backend {
    private final MemoryBackend files;
    private final Map<String, Instant> created;
    private final AtomicReference<Object> leaseHolder;
    private final Clock clock;
    /** The files read whole by any node, in order (as {@code folder/name}): what a test counts requests by. */
    final Queue<String> reads;
    /** The files whose creation or deletion fails, for every node (as {@code folder/name}): a node that stops there. */
    final AtomicReference<java.util.function.Predicate<String>> failing;
    /** Run before any node reads a file whole (given {@code folder/name}): another node acting at that moment. */
    final AtomicReference<java.util.function.Consumer<String>> beforeRead;

    private SharedMemoryBackend(MemoryBackend files, Map<String, Instant> created, AtomicReference<Object> leaseHolder,
            Clock clock, Queue<String> reads, AtomicReference<java.util.function.Predicate<String>> failing,
            AtomicReference<java.util.function.Consumer<String>> beforeRead) {
        this.files = files;
        this.created = created;
        this.leaseHolder = leaseHolder;
        this.clock = clock;
        this.reads = reads;
        this.failing = failing;
        this.beforeRead = beforeRead;
    }

    private void mayFail(Handle handle) throws IOException {
        if (failing.get().test(handle.toString())) {
            throw new IOException("injected failure at " + handle);
        }
    }

    static SharedMemoryBackend create(Clock clock) {
        return new SharedMemoryBackend(new MemoryBackend(), new ConcurrentHashMap<>(), new AtomicReference<>(), clock,
                new ConcurrentLinkedQueue<>(), new AtomicReference<>(h -> false), new AtomicReference<>(h -> { }));
    }

    /** Another node's view of the same store. */
    SharedMemoryBackend node() {
        return new SharedMemoryBackend(files, created, leaseHolder, clock, reads, failing, beforeRead);
    }

    /** Whether some node holds the lease now. */
    boolean leased() {
        return leaseHolder.get() != null;
    }

    @Override
    public String location() {
        return "shared-memory:" + Integer.toHexString(System.identityHashCode(files));
    }

    @Override
    public boolean create(Handle handle, byte[] data) throws IOException {
        mayFail(handle);
        if (!files.create(handle, data)) {
            return false;
        }
        created.put(handle.toString(), clock.instant());
        return true;
    }

    @Override
    public byte[] read(Handle handle) throws IOException {
        beforeRead.get().accept(handle.toString());
        reads.add(handle.toString());
        return files.read(handle);
    }

    @Override
    public byte[] read(Handle handle, long offset, int length) throws IOException {
        return files.read(handle, offset, length);
    }

    @Override
    public OptionalLong size(Handle handle) {
        return files.size(handle);
    }

    @Override
    public List<String> list(FileType type) {
        return files.list(type);
    }

    @Override
    public boolean delete(Handle handle) throws IOException {
        mayFail(handle);
        created.remove(handle.toString());
        return files.delete(handle);
    }

    @Override
    public Optional<Instant> createdAt(Handle handle) {
        return files.size(handle).isPresent() ? Optional.ofNullable(created.get(handle.toString())) : Optional.empty();
    }

    @Override
    public Optional<WriterLease> writerLease() {
        Object me = new Object();
        return Optional.of(new WriterLease() {
            @Override
            public boolean tryAcquire() {
                return leaseHolder.compareAndSet(null, me);
            }

            @Override
            public void release() {
                leaseHolder.compareAndSet(me, null);
            }

            @Override
            public void abandon() {
                leaseHolder.compareAndSet(me, null); // in memory nothing outlives its holder: it "expires" at once
            }
        });
    }
}
