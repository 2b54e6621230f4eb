package io.lifeboat.vault.store;

import io.lifeboat.repository.StoragePolicy;
import java.io.IOException;

/**
 * Where the vault's storage policy is kept: {@code V/policy.json} ({@link PolicyFile}) or the record
 * {@code state/vault/policy.json} in the repository's store ({@link StorePolicy}), which every node on
 * the store reads. Only the operator writes it; the serving vault reads it at every commit, upload and
 * prune, so a change needs no restart. Absent means {@link StoragePolicy#DEFAULT}.
 */
public interface PolicyStore {

    /** @throws io.lifeboat.tls.LifeboatException USAGE naming the file when it is damaged (retention then deletes nothing) */
    StoragePolicy read();

    /** Replaces the policy atomically: a reader sees the old policy or the new one. */
    void write(StoragePolicy policy) throws IOException;
}
