package io.lifeboat.vault.store;

import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import io.lifeboat.repository.backend.azure.Azurite;
import io.lifeboat.repository.backend.azure.AzuriteExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The state contract on Azure Blob Storage (Azurite): each test a fresh container, two backend objects as two nodes. */
class AzureVaultStateTest extends VaultStateContractTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();
    private AzureBlobStore store;

    @Override
    protected VaultState newState() {
        store = new AzureBlobStore(AZURITE.get().newContainer(), "site-a");
        return sameState();
    }

    @Override
    protected VaultState sameState() {
        return VaultState.onStore(AzureBlobBackend.open(store, AZURITE.get().connectionString()), clock);
    }
}
