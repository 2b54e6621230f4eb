package io.lifeboat.vault.store;

import io.lifeboat.repository.backend.MemoryBackend;

/** The state contract on a store in memory. */
class MemoryVaultStateTest extends VaultStateContractTest {
    private MemoryBackend store;

    @Override
    protected VaultState newState() {
        store = new MemoryBackend();
        return VaultState.onStore(store, clock);
    }

    @Override
    protected VaultState sameState() {
        return VaultState.onStore(store, clock);
    }
}
