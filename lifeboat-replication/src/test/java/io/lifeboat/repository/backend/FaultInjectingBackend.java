package io.lifeboat.repository.backend;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A decorator that fails on purpose (kopia's {@code faulty.go}): a full disk after N bytes, a crash
 * after N changes (every later call fails, as if the process had been killed), or a torn write (the
 * first bytes of a file land under its name, then the crash), so tests can show that nothing already
 * stored is lost and that the repository opens cleanly afterwards. Thread-safe.
 */
public final class FaultInjectingBackend implements Backend {
    /** What goes wrong once the budget is used up. */
    public enum Fault {
        /** A create that does not fit fails with "No space left on device"; nothing of it is stored. */
        DISK_FULL,
        /** The process "dies" before the change that exceeds the budget: it and every later call fail. */
        CRASH,
        /** Like CRASH, but the create that exceeds the budget leaves its first bytes under its name. */
        TORN_WRITE
    }

    private final Backend delegate;
    private volatile Fault fault;
    private final AtomicLong bytesLeft = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong changesLeft = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean dead;

    /** Ranged reads asked of this store so far (what a request to object storage would be each). */
    private final java.util.concurrent.atomic.AtomicLong rangeReads = new java.util.concurrent.atomic.AtomicLong();

    public long rangeReads() {
        return rangeReads.get();
    }

    /** Whole files of each type read from this store so far (what a sweep downloads, say). */
    private final java.util.Map<FileType, AtomicLong> wholeReads = new java.util.concurrent.ConcurrentHashMap<>();

    public long wholeReads(FileType type) {
        AtomicLong n = wholeReads.get(type);
        return n == null ? 0 : n.get();
    }

    public FaultInjectingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    /** DISK_FULL: creates of more than {@code bytes} in total fail from now on. */
    public FaultInjectingBackend diskFullAfter(long bytes) {
        fault = Fault.DISK_FULL;
        bytesLeft.set(bytes);
        return this;
    }

    /** CRASH or TORN_WRITE at the change (create or delete) number {@code n} from now (0 = the next one). */
    public FaultInjectingBackend crashAt(long n, boolean torn) {
        fault = torn ? Fault.TORN_WRITE : Fault.CRASH;
        changesLeft.set(n);
        return this;
    }

    /** Once set, a delete of a file of this type never returns (a process to be killed there). */
    private volatile FileType hangAtDeleteOf;
    private volatile java.util.function.Consumer<Handle> onHang = h -> { };

    /**
     * From now on a delete of a file of {@code type} calls {@code announce} and then never returns:
     * a process killed at that moment (kill -9) by a test that waits for the announcement.
     */
    public FaultInjectingBackend hangAtDeleteOf(FileType type, java.util.function.Consumer<Handle> announce) {
        onHang = announce;
        hangAtDeleteOf = type;
        return this;
    }

    /** Creates and deletes done through this object so far. */
    public long changes() {
        return changes.get();
    }

    public boolean crashed() {
        return dead;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public boolean create(Handle handle, byte[] data) throws IOException {
        alive();
        if (fault == Fault.DISK_FULL && bytesLeft.addAndGet(-data.length) < 0) {
            bytesLeft.addAndGet(data.length);
            throw new IOException("cannot write " + handle + ": No space left on device");
        }
        if (fault == Fault.CRASH || fault == Fault.TORN_WRITE) {
            if (changesLeft.getAndDecrement() <= 0) {
                dead = true;
                if (fault == Fault.TORN_WRITE && data.length > 1) {
                    delegate.create(handle, Arrays.copyOf(data, data.length / 2));
                }
                throw new IOException("injected crash before " + handle + " was written");
            }
        }
        changes.incrementAndGet();
        return delegate.create(handle, data);
    }

    @Override
    public boolean delete(Handle handle) throws IOException {
        alive();
        if ((fault == Fault.CRASH || fault == Fault.TORN_WRITE) && changesLeft.getAndDecrement() <= 0) {
            dead = true;
            throw new IOException("injected crash before " + handle + " was deleted");
        }
        if (handle.type() == hangAtDeleteOf) {
            onHang.accept(handle);
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("interrupted while hanging at the deletion of " + handle);
        }
        changes.incrementAndGet();
        return delegate.delete(handle);
    }

    @Override
    public byte[] read(Handle handle) throws IOException {
        alive();
        wholeReads.computeIfAbsent(handle.type(), t -> new AtomicLong()).incrementAndGet();
        return delegate.read(handle);
    }

    @Override
    public byte[] read(Handle handle, long offset, int length) throws IOException {
        alive();
        rangeReads.incrementAndGet();
        return delegate.read(handle, offset, length);
    }

    @Override
    public OptionalLong size(Handle handle) throws IOException {
        alive();
        return delegate.size(handle);
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        alive();
        return delegate.list(type);
    }

    @Override
    public void removeTemporaries() throws IOException {
        alive();
        delegate.removeTemporaries();
    }

    private void alive() throws IOException {
        if (dead) {
            throw new IOException("injected crash: the process is gone");
        }
    }
}
