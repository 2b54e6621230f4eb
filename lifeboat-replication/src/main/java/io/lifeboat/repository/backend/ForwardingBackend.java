package io.lifeboat.repository.backend;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The base of a store decorator ({@link ReadOnlyBackend}, and tests' decorators that count or delay
 * calls): it forwards the methods every store must implement to {@link #inner}, so a decorator writes
 * only the calls it watches or changes.
 *
 * <p>It forwards nothing else on purpose. The interface's default methods (staging, publish, ranged
 * reads once, versions) stay the defaults, which call back into this decorator's {@code create} and
 * {@code read}: a read-only decorator refuses a staged file at its publish, and a test decorator that
 * counts creates sees it there. A decorator that must pass the inner store's own staging, versions or
 * folder through forwards each itself, as {@link ReadOnlyBackend} does for what a reader needs.
 */
public abstract class ForwardingBackend implements Backend {
    protected final Backend inner;

    protected ForwardingBackend(Backend inner) {
        this.inner = inner;
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public boolean create(Handle handle, byte[] data) throws IOException {
        return inner.create(handle, data);
    }

    @Override
    public byte[] read(Handle handle) throws IOException {
        return inner.read(handle);
    }

    @Override
    public byte[] read(Handle handle, long offset, int length) throws IOException {
        return inner.read(handle, offset, length);
    }

    @Override
    public OptionalLong size(Handle handle) throws IOException {
        return inner.size(handle);
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        return inner.list(type);
    }

    @Override
    public boolean delete(Handle handle) throws IOException {
        return inner.delete(handle);
    }
}
