package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.WriterLease;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one right to delete on a store shared by several writer nodes: the store's {@link WriterLease}
 * (on Azure Blob a blob lease on {@code write.lock}, which expires within its period when its holder
 * dies and stops renewing it), held for one retention run or one {@code lifeboat prune}. On a store
 * with a single writer (a local folder: the operating-system lock; a store with records only) that
 * writer's own lock already excludes every other writer, so the lease is none.
 */
final class PruneLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PruneLease.class);
    private static final PruneLease NONE = new PruneLease(null, null);

    private final Backend backend;
    private final WriterLease lease;

    private PruneLease(Backend backend, WriterLease lease) {
        this.backend = backend;
        this.lease = lease;
    }

    /**
     * Takes the lease if nobody holds it: empty when another node is pruning. Never waits.
     *
     * @param shared whether the repository is open on a shared store (else the lease is none)
     */
    static Optional<PruneLease> tryTake(Backend backend, boolean shared) throws IOException {
        if (!shared) {
            return Optional.of(NONE);
        }
        WriterLease lease = backend.writerLease().orElseThrow();
        return lease.tryAcquire() ? Optional.of(new PruneLease(backend, lease)) : Optional.empty();
    }

    /** {@link #tryTake}, or a one-line error naming the store when another node holds the lease. */
    static PruneLease take(Backend backend, boolean shared) throws IOException {
        return tryTake(backend, shared).orElseThrow(() -> new RepositoryException(LifeboatException.Kind.FAILED,
                "another vault node is pruning the repository at " + backend.location()
                        + " (it holds the prune lease on write.lock); try again once it is done (a node that died"
                        + " frees the lease by itself within a minute)"));
    }

    @Override
    public void close() {
        if (lease == null) {
            return;
        }
        try {
            lease.release();
        } catch (IOException e) {
            LOG.warn("{}: could not release the prune lease ({}); it expires by itself", backend.location(), e.getMessage());
        }
    }
}
