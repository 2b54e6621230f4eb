package io.lifeboat.repository.backend.azure;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.WriterLease;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The repository's files as block blobs in one container (see the package note for the mapping and
 * the guarantees). Every call is the SDK's synchronous client; its retry policy, not this class,
 * retries transient failures with exponential back-off.
 */
public final class AzureBlobBackend implements Backend {
    /** Packs (~16 MiB) go up as blocks of this size, committed with one conditional Put Block List. */
    static final long BLOCK_BYTES = 4L << 20;
    /** Metadata naming the create that wrote a blob: a retried create whose first try landed is still ours. */
    static final String WRITER = "lifeboatcreate";
    private static final RequestRetryOptions RETRY = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL,
            5, Duration.ofSeconds(120), Duration.ofMillis(500), Duration.ofSeconds(15), null);

    private final AzureBlobStore store;
    private final BlobContainerClient container;
    /** The prune lease's period ({@link AzureWriterLease}). */
    private final int leaseSeconds;

    AzureBlobBackend(AzureBlobStore store, BlobContainerClient container) {
        this(store, container, AzureWriterLease.SECONDS);
    }

    private AzureBlobBackend(AzureBlobStore store, BlobContainerClient container, int leaseSeconds) {
        this.store = store;
        this.container = container;
        this.leaseSeconds = leaseSeconds;
    }

    /**
     * This store with prune leases of {@code seconds} (15 to 60) instead of 30: for tests, which
     * wait out a dead holder's lease.
     */
    AzureBlobBackend withLeaseSeconds(int seconds) {
        return new AzureBlobBackend(store, container, seconds);
    }

    /**
     * Connects to {@code store} with an Azure Storage connection string and checks that the container
     * exists and the credentials are accepted. Nothing is written.
     *
     * @throws AzureStoreException naming the store and what to do when it cannot be used
     */
    public static AzureBlobBackend open(AzureBlobStore store, String connectionString) {
        return open(store, connectionString, Optional.empty());
    }

    /** {@link #open}, with {@code observer} added to every request's pipeline (tests count requests with it). */
    static AzureBlobBackend open(AzureBlobStore store, String connectionString, Optional<HttpPipelinePolicy> observer) {
        BlobContainerClient container;
        try {
            BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                    .connectionString(connectionString)
                    .httpClient(new JdkAzureHttpClient(Duration.ofSeconds(10), Duration.ofSeconds(120)))
                    .retryOptions(RETRY);
            observer.ifPresent(builder::addPolicy);
            container = builder.buildClient().getBlobContainerClient(store.container());
        } catch (RuntimeException e) { // the builder's IllegalArgumentException for a malformed string
            throw AzureStoreException.badConnectionString(store, e);
        }
        AzureBlobBackend backend = new AzureBlobBackend(store, container);
        backend.checkContainer();
        return backend;
    }

    private void checkContainer() {
        boolean exists;
        try {
            exists = container.exists();
        } catch (BlobStorageException e) {
            throw AzureStoreException.refused(store, container.getAccountName(), e);
        } catch (RuntimeException e) {
            throw AzureStoreException.unreachable(store, container.getBlobContainerUrl(), e);
        }
        if (!exists) {
            throw AzureStoreException.noContainer(store, container.getAccountName());
        }
    }

    @Override
    public String location() {
        return store.toString();
    }

    private String path(Handle h) {
        return h.type() == FileType.CONFIG ? "config" : h.type().folder() + "/" + h.name();
    }

    private BlobClient blob(Handle h) {
        return container.getBlobClient(store.blobName(path(h)));
    }

    @Override
    public boolean create(Handle handle, byte[] data) throws IOException {
        String nonce = UUID.randomUUID().toString();
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(data))
                .setParallelTransferOptions(new ParallelTransferOptions().setBlockSizeLong(BLOCK_BYTES)
                        .setMaxSingleUploadSizeLong(BLOCK_BYTES).setMaxConcurrency(2))
                .setMetadata(Map.of(WRITER, nonce))
                .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*"));
        BlobClient blob = blob(handle);
        try {
            blob.uploadWithResponse(options, null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (!isTaken(e)) {
                throw failed("create", handle, e);
            }
        } catch (RuntimeException e) {
            throw failed("create", handle, e);
        }
        // The name is taken: by another writer, or by this very create when a retry followed a lost answer.
        try {
            return nonce.equals(blob.getProperties().getMetadata().get(WRITER));
        } catch (RuntimeException e) { // not even there: the commit failed for another reason
            throw new IOException("cannot create " + location() + "/" + handle + ": " + AzureStoreException.reason(e), e);
        }
    }

    private static boolean isTaken(BlobStorageException e) {
        BlobErrorCode code = e.getErrorCode();
        return e.getStatusCode() == 409 && BlobErrorCode.BLOB_ALREADY_EXISTS.equals(code)
                || e.getStatusCode() == 412 // If-None-Match: * failed (the service's answer on a committed block list)
                || e.getStatusCode() == 400 && BlobErrorCode.INVALID_BLOCK_LIST.equals(code); // a rival's commit dropped our staged blocks
    }

    @Override
    public byte[] read(Handle handle) throws IOException {
        try {
            return blob(handle).downloadContent().toBytes();
        } catch (RuntimeException e) {
            throw failed("read", handle, e);
        }
    }

    @Override
    public byte[] read(Handle handle, long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        if (length == 0) { // an empty range is not an HTTP range; check the bounds by the size
            long size = size(handle).orElseThrow(() -> new NoSuchFileException(location() + "/" + handle));
            if (offset > size) {
                throw pastEnd(handle, offset, length, size);
            }
            return new byte[0];
        }
        byte[] got;
        try {
            got = blob(handle).downloadContentWithResponse(null, null, new BlobRange(offset, (long) length), false, null,
                    Context.NONE).getValue().toBytes();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 416) { // offset at or past the end
                throw pastEnd(handle, offset, length, size(handle).orElse(-1));
            }
            throw failed("read", handle, e);
        } catch (RuntimeException e) {
            throw failed("read", handle, e);
        }
        if (got.length != length) { // the service returns what there is of a range that runs past the end
            throw pastEnd(handle, offset, length, offset + got.length);
        }
        return got;
    }

    private EOFException pastEnd(Handle handle, long offset, int length, long size) {
        return new EOFException(location() + "/" + handle + ": range " + offset + "+" + length + " past the end (" + size + " bytes)");
    }

    @Override
    public OptionalLong size(Handle handle) throws IOException {
        try {
            return OptionalLong.of(blob(handle).getProperties().getBlobSize());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return OptionalLong.empty();
            }
            throw failed("stat", handle, e);
        } catch (RuntimeException e) {
            throw failed("stat", handle, e);
        }
    }

    /** The blob's creation time, from its properties (one HEAD request). */
    @Override
    public Optional<java.time.Instant> createdAt(Handle handle) throws IOException {
        try {
            return Optional.ofNullable(blob(handle).getProperties().getCreationTime()).map(t -> t.toInstant());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failed("stat", handle, e);
        } catch (RuntimeException e) {
            throw failed("stat", handle, e);
        }
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        if (type == FileType.CONFIG) {
            return size(Handle.CONFIG).isPresent() ? List.of("config") : List.of();
        }
        String prefix = store.blobName(type.folder() + "/");
        List<String> out = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                String name = item.getName().substring(prefix.length());
                if (isHandleName(type, name)) { // anything else under the prefix is not the repository's
                    out.add(name);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(location() + ": cannot list " + type.folder() + "/: " + AzureStoreException.reason(e), e);
        }
        out.sort(null);
        return out;
    }

    private static boolean isHandleName(FileType type, String name) {
        try {
            new Handle(type, name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Handle handle) throws IOException {
        try {
            return blob(handle).deleteIfExists();
        } catch (RuntimeException e) {
            throw failed("delete", handle, e);
        }
    }

    @Override
    public Optional<Versioned> readVersioned(Handle handle) throws IOException {
        try {
            var response = blob(handle).downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new Versioned(response.getValue().toBytes(), response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failed("read", handle, e);
        } catch (RuntimeException e) {
            throw failed("read", handle, e);
        }
    }

    /**
     * A Put Blob with {@code If-Match: <ETag>}. Like a create it tags the blob with a random id, so a
     * replace whose first try landed but whose answer was lost (the SDK's retry then meets a 412) still
     * reports that it replaced the file, and the caller does not apply its change twice.
     */
    @Override
    public Optional<String> replace(Handle handle, byte[] data, String version) throws IOException {
        String nonce = UUID.randomUUID().toString();
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(data))
                .setParallelTransferOptions(new ParallelTransferOptions().setMaxSingleUploadSizeLong(BLOCK_BYTES))
                .setMetadata(Map.of(WRITER, nonce))
                .setRequestConditions(new BlobRequestConditions().setIfMatch(version));
        BlobClient blob = blob(handle);
        try {
            return Optional.of(blob.uploadWithResponse(options, null, Context.NONE).getValue().getETag());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 412 && e.getStatusCode() != 404) {
                throw failed("replace", handle, e);
            }
        } catch (RuntimeException e) {
            throw failed("replace", handle, e);
        }
        try { // changed since it was read, or changed by this very replace before a retry
            var properties = blob.getProperties();
            return nonce.equals(properties.getMetadata().get(WRITER)) ? Optional.of(properties.getETag()) : Optional.empty();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw failed("replace", handle, e);
        } catch (RuntimeException e) {
            throw failed("replace", handle, e);
        }
    }

    @Override
    public Optional<WriterLease> writerLease() {
        return Optional.of(new AzureWriterLease(container.getBlobClient(store.blobName(AzureWriterLease.BLOB)), location(),
                leaseSeconds));
    }

    private IOException failed(String what, Handle handle, RuntimeException e) {
        String name = location() + "/" + handle;
        if (e instanceof BlobStorageException b && b.getStatusCode() == 404) {
            NoSuchFileException missing = new NoSuchFileException(name);
            missing.initCause(e);
            return missing;
        }
        return new IOException("cannot " + what + " " + name + ": " + AzureStoreException.reason(e), e);
    }
}
