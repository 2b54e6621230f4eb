package io.lifeboat.vault.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The state contract on the vault folder's files (the embedded default). */
class LocalVaultStateTest extends VaultStateContractTest {
    @TempDir
    Path dir;

    @Override
    protected VaultState newState() {
        return sameState();
    }

    @Override
    protected VaultState sameState() {
        return VaultState.local(dir.resolve("state/machines"), dir.resolve("state/tokens"), dir.resolve("policy.json"), clock);
    }
}
