package io.lifeboat.vault.store;

import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import io.lifeboat.repository.backend.azure.Azurite;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The state contract on Azure Blob Storage (Azurite): each test a fresh container, two backend objects as two nodes. */
class AzureVaultStateTest extends VaultStateContractTest {
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
    protected VaultState newState() {
        store = new AzureBlobStore(azurite.newContainer(), "site-a");
        return sameState();
    }

    @Override
    protected VaultState sameState() {
        return VaultState.onStore(AzureBlobBackend.open(store, azurite.connectionString()), clock);
    }
}
