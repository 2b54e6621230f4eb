package io.lifeboat.repository.backend.azure;

import com.azure.storage.blob.models.BlobStorageException;
import io.lifeboat.tls.LifeboatException;

/**
 * An Azure Blob store that cannot be used as it is: one line naming the store, what is wrong and what to
 * do. Raised before anything is written.
 */
public final class AzureStoreException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private AzureStoreException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    static AzureStoreException badConnectionString(AzureBlobStore store, RuntimeException e) {
        return new AzureStoreException(Kind.USAGE, store + ": the Azure Storage connection string is not usable ("
                + reason(e) + "); give the account's connection string (AccountName=...;AccountKey=...;"
                + "EndpointSuffix=... or BlobEndpoint=...) in AZURE_STORAGE_CONNECTION_STRING or --credentials-file", e);
    }

    static AzureStoreException refused(AzureBlobStore store, String account, BlobStorageException e) {
        String what = e.getStatusCode() == 403
                ? "the account refused the credentials; check the account key or SAS in the connection string"
                : "the account answered " + reason(e) + "; check the connection string and the account";
        return new AzureStoreException(Kind.IDENTITY_REJECTED, store + " on account " + account + ": " + what, e);
    }

    static AzureStoreException unreachable(AzureBlobStore store, String url, RuntimeException e) {
        return new AzureStoreException(Kind.UNREACHABLE, store + ": cannot reach " + url + " (" + reason(e)
                + "); check the endpoint in the connection string and the network", e);
    }

    static AzureStoreException noContainer(AzureBlobStore store, String account) {
        return new AzureStoreException(Kind.USAGE, store + ": account " + account + " has no container \"" + store.container()
                + "\"; create it first (az storage container create --name " + store.container()
                + ") or name an existing one; Lifeboat does not create containers", null);
    }

    /** A short reason for a message: the service's status and error code, or the cause's message. */
    static String reason(Throwable e) {
        if (e instanceof BlobStorageException b) {
            return b.getStatusCode() + (b.getErrorCode() == null ? "" : " " + b.getErrorCode());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
