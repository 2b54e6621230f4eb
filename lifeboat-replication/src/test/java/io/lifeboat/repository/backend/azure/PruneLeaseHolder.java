package io.lifeboat.repository.backend.azure;

import io.lifeboat.repository.backend.WriterLease;

/**
 * A child process for {@link PruneLeaseKillTest}: takes the prune lease of a store on Azurite (as a
 * node does for a prune), says {@code held} and waits to be killed. Arguments: connection string,
 * container, prefix, the lease period in seconds.
 */
public final class PruneLeaseHolder {
    private PruneLeaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        AzureBlobBackend backend = AzureBlobBackend.open(new AzureBlobStore(args[1], args[2]), args[0])
                .withLeaseSeconds(Integer.parseInt(args[3]));
        WriterLease lease = backend.writerLease().orElseThrow();
        if (!lease.tryAcquire()) {
            System.out.println("taken");
            System.exit(3);
        }
        System.out.println("held");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // renewed every third of the period by the lease's own thread until the process dies
    }
}
