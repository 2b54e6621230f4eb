package io.lifeboat.repository.backend.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.BackendContractTest;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Backend contract on Azure Blob Storage, against Azurite; each test gets a fresh container. */
class AzureBlobBackendTest extends BackendContractTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();
    private AzureBlobStore store;

    @Override
    protected Backend newBackend() {
        store = new AzureBlobStore(AZURITE.get().newContainer(), "vaults/one");
        return AzureBlobBackend.open(store, AZURITE.get().connectionString());
    }

    @Override
    protected Backend reopen() {
        return AzureBlobBackend.open(store, AZURITE.get().connectionString());
    }

    @Test
    void filesLieUnderThePrefixAndOtherPrefixesAreApart() throws Exception {
        backend.create(new Handle(FileType.DATA, "ab12"), new byte[] {1});
        try (Backend neighbour = AzureBlobBackend.open(new AzureBlobStore(store.container(), "vaults"), AZURITE.get().connectionString());
                Backend root = AzureBlobBackend.open(new AzureBlobStore(store.container(), ""), AZURITE.get().connectionString())) {
            assertThat(neighbour.list(FileType.DATA)).isEmpty(); // "vaults/data/" is not "vaults/one/data/"
            assertThat(root.list(FileType.DATA)).isEmpty();
        }
        var blobs = new com.azure.storage.blob.BlobServiceClientBuilder().connectionString(AZURITE.get().connectionString())
                .httpClient(new JdkAzureHttpClient(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)))
                .buildClient().getBlobContainerClient(store.container()).listBlobs().stream().map(b -> b.getName()).toList();
        assertThat(blobs).containsExactly("vaults/one/data/ab12");
    }

    @Test
    void aPackSizedFileIsCommittedFromBlocks() throws Exception {
        byte[] data = new byte[(int) (2 * AzureBlobBackend.BLOCK_BYTES + 17)];
        new java.util.Random(3).nextBytes(data);
        Handle h = new Handle(FileType.DATA, "big");
        assertThat(backend.create(h, data)).isTrue();
        assertThat(backend.create(h, new byte[] {1})).isFalse();
        var blob = new com.azure.storage.blob.BlobServiceClientBuilder().connectionString(AZURITE.get().connectionString())
                .httpClient(new JdkAzureHttpClient(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)))
                .buildClient().getBlobContainerClient(store.container()).getBlobClient("vaults/one/data/big");
        var blocks = blob.getBlockBlobClient().listBlocks(com.azure.storage.blob.models.BlockListType.COMMITTED).getCommittedBlocks();
        assertThat(blocks).hasSize(3);
        assertThat(backend.read(h)).isEqualTo(data);
    }
}
