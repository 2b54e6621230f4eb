package io.lifeboat.vault.store;

import io.lifeboat.repository.backend.Backend;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a vault keeps its shared state (machines, tokens, storage policy): in its own folder (the
 * embedded default) or in the repository's store, shared by every vault node on it.
 *
 * @param store the store the state is on, or empty for the vault's folder
 */
public record VaultState(MachineRegistry machines, TokenStore tokens, PolicyStore policy, Optional<Backend> store) {

    /** The state as files of the vault folder: {@code state/machines/}, {@code state/tokens/}, {@code policy.json}. */
    public static VaultState local(Path machines, Path tokens, Path policy, Clock clock) {
        return new VaultState(new LocalMachineRegistry(machines, clock), new LocalTokenStore(tokens, clock),
                new PolicyFile(policy), Optional.empty());
    }

    /** The state as records under {@code state/} in {@code backend}. */
    public static VaultState onStore(Backend backend, Clock clock) {
        return new VaultState(new StoreMachineRegistry(backend, clock), new StoreTokenStore(backend, clock),
                new StorePolicy(backend), Optional.of(backend));
    }
}
