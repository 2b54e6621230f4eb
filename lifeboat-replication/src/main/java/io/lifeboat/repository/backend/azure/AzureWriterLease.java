package io.lifeboat.repository.backend.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.lifeboat.repository.backend.WriterLease;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prune lease of a store shared by several vault nodes: a 30-second lease on the empty blob
 * {@code write.lock} beside the repository's folders, renewed every 10 seconds (a third of the
 * period) by a daemon thread while one node prunes. A node that dies stops renewing and the lease
 * expires within 30 seconds, so another can prune. (Tests use a 15-second period, the shortest
 * Azure allows, to wait less for an expiry.) The lease is advisory: it does not fence the other blobs, so a pruner that
 * stalls for longer than the lease (and loses it) could still delete beside a new one; renewal
 * failures are logged as errors, and the prune rules (see {@code docs/repository-format.md}) keep
 * even two pruners from deleting a block a point names.
 */
final class AzureWriterLease implements WriterLease {
    static final String BLOB = "write.lock";
    private static final Logger LOG = LoggerFactory.getLogger(AzureWriterLease.class);
    /** The lease period, in seconds: what a dead holder keeps the lease for at most. */
    static final int SECONDS = 30;
    /** The shortest and longest lease period the Blob service accepts. */
    static final int MIN_SECONDS = 15;
    static final int MAX_SECONDS = 60;

    private final int seconds;

    private final BlobClient blob;
    private final String location;
    private final BlobLeaseClient lease;
    private ScheduledExecutorService renewer;

    AzureWriterLease(BlobClient blob, String location, int seconds) {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a blob lease lasts " + MIN_SECONDS + " to " + MAX_SECONDS + " s, not " + seconds);
        }
        this.seconds = seconds;
        this.blob = blob;
        this.location = location;
        this.lease = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
    }

    @Override
    public synchronized boolean tryAcquire() throws IOException {
        try {
            try { // the lock blob is made once and never deleted (a new blob would be a new lock)
                blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(new byte[0]))
                        .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {
                    throw e;
                }
            }
            lease.acquireLease(seconds);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409) { // LeaseAlreadyPresent: another node holds it
                return false;
            }
            throw new IOException(location + ": cannot take the prune lease on " + BLOB + ": " + AzureStoreException.reason(e), e);
        } catch (RuntimeException e) {
            throw new IOException(location + ": cannot take the prune lease on " + BLOB + ": " + AzureStoreException.reason(e), e);
        }
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lifeboat-prune-lease");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(this::renew, seconds / 3, seconds / 3, TimeUnit.SECONDS);
        return true;
    }

    private void renew() {
        try {
            lease.renewLease();
        } catch (RuntimeException e) {
            LOG.error("{}: could not renew the prune lease on {} ({}); another node may take it once it expires",
                    location, BLOB, AzureStoreException.reason(e));
        }
    }

    @Override
    public synchronized void release() throws IOException {
        abandon();
        try {
            lease.releaseLease();
        } catch (RuntimeException e) {
            throw new IOException(location + ": cannot release the prune lease on " + BLOB + " (it expires within "
                    + seconds + " s): " + AzureStoreException.reason(e), e);
        }
    }

    @Override
    public synchronized void abandon() {
        if (renewer != null) {
            renewer.shutdownNow();
            renewer = null;
        }
    }
}
