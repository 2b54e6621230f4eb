package io.lifeboat.repository.backend.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.BackendContractTest;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Backend contract on Azure Blob Storage, against Azurite; each test gets a fresh container. */
class AzureBlobBackendTest extends BackendContractTest {
    @TempDir
    static Path data;
    static Azurite azurite;
    private AzureBlobStore store;

    @BeforeAll
    static void startAzurite() throws Exception {
        azurite = Azurite.start(data);
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    protected Backend newBackend() {
        store = new AzureBlobStore(azurite.newContainer(), "vaults/one");
        return AzureBlobBackend.open(store, azurite.connectionString());
    }

    @Override
    protected Backend reopen() {
        return AzureBlobBackend.open(store, azurite.connectionString());
    }

    @Test
    void filesLieUnderThePrefixAndOtherPrefixesAreApart() throws Exception {
        backend.create(new Handle(FileType.DATA, "ab12"), new byte[] {1});
        try (Backend neighbour = AzureBlobBackend.open(new AzureBlobStore(store.container(), "vaults"), azurite.connectionString());
                Backend root = AzureBlobBackend.open(new AzureBlobStore(store.container(), ""), azurite.connectionString())) {
            assertThat(neighbour.list(FileType.DATA)).isEmpty(); // "vaults/data/" is not "vaults/one/data/"
            assertThat(root.list(FileType.DATA)).isEmpty();
        }
        var blobs = new com.azure.storage.blob.BlobServiceClientBuilder().connectionString(azurite.connectionString())
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
        var blob = new com.azure.storage.blob.BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(new JdkAzureHttpClient(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)))
                .buildClient().getBlobContainerClient(store.container()).getBlobClient("vaults/one/data/big");
        var blocks = blob.getBlockBlobClient().listBlocks(com.azure.storage.blob.models.BlockListType.COMMITTED).getCommittedBlocks();
        assertThat(blocks).hasSize(3);
        assertThat(backend.read(h)).isEqualTo(data);
    }
}
