package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.ForwardingBackend;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.util.Optional;

/**
 * A test's store decorator that also passes through the versioned reads and conditional replaces
 * ({@link Backend#readVersioned}, {@link Backend#replace}) of the store it wraps: the repository keeps
 * its shared state (the prune's and retention's records) with them, and {@link ForwardingBackend}
 * leaves them at their defaults on purpose.
 */
abstract class VersionsForwarding extends ForwardingBackend {
    VersionsForwarding(Backend inner) {
        super(inner);
    }

    @Override
    public Optional<Versioned> readVersioned(Handle h) throws IOException {
        return inner.readVersioned(h);
    }

    @Override
    public Optional<String> replace(Handle h, byte[] data, String version) throws IOException {
        return inner.replace(h, data, version);
    }
}
