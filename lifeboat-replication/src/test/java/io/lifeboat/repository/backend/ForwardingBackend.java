package io.lifeboat.repository.backend;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The base of a test's store decorator: it forwards the methods every store must implement to
 * {@link #inner}, so a decorator writes only the calls it watches or changes.
 *
 * <p>It forwards nothing else on purpose. The interface's default methods (staging, publish, ranged
 * reads once, versions) stay the defaults, which call back into this decorator's {@code create} and
 * {@code read}: a decorator that counts creates sees a staged file's create at its publish, as the
 * tests built on this rely on. One that must see the inner store's own staging forwards it itself.
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
