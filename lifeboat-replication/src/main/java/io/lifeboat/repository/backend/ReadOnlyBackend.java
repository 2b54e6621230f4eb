package io.lifeboat.repository.backend;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A decorator that refuses every change: what a test failover, {@code points} and {@code verify} open,
 * so they cannot alter what the vault keeps even by mistake.
 */
public final class ReadOnlyBackend extends ForwardingBackend {
    public ReadOnlyBackend(Backend delegate) {
        super(delegate);
    }

    @Override
    public boolean create(Handle handle, byte[] data) throws IOException {
        throw refused(handle);
    }

    @Override
    public boolean delete(Handle handle) throws IOException {
        throw refused(handle);
    }

    @Override
    public Optional<Versioned> readVersioned(Handle handle) throws IOException {
        return inner.readVersioned(handle);
    }

    @Override
    public Optional<String> replace(Handle handle, byte[] data, String version) throws IOException {
        throw refused(handle);
    }

    @Override
    public void removeTemporaries() throws IOException {
        throw new AccessDeniedException(inner.location(), null, "the repository is open read-only");
    }

    @Override
    public byte[] readOnce(Handle handle, long offset, int length) throws IOException {
        return inner.readOnce(handle, offset, length);
    }

    @Override
    public void readOnce(Handle handle, long offset, int length, RangeUse use) throws IOException {
        inner.readOnce(handle, offset, length, use);
    }

    @Override
    public Optional<Path> localFolder() {
        return inner.localFolder(); // readers take a shared lock there, which changes no stored file
    }

    @Override
    public Optional<java.time.Instant> createdAt(Handle handle) throws IOException {
        return inner.createdAt(handle);
    }

    @Override
    public OptionalLong usableSpace() throws IOException {
        return inner.usableSpace();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    private AccessDeniedException refused(Handle h) {
        return new AccessDeniedException(h.toString(), null, "the repository is open read-only");
    }
}
