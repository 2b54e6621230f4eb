package io.lifeboat.vault.store;

import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.repository.StoragePolicyCodec;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.util.Optional;

/**
 * The storage policy of a vault whose state is in the repository's store: {@code state/vault/policy.json},
 * created create-only and replaced conditionally on its version, so two operators' changes through two
 * nodes never mix (the later one wins whole).
 */
public final class StorePolicy implements PolicyStore {
    static final Handle FILE = StoreRecords.handle("vault", "policy.json");

    private final Backend backend;

    public StorePolicy(Backend backend) {
        this.backend = backend;
    }

    @Override
    public StoragePolicy read() {
        Optional<byte[]> json;
        try {
            json = backend.readVersioned(FILE).map(Backend.Versioned::data);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read " + where() + ": " + e.getMessage(), e);
        }
        return json.map(b -> StoragePolicyCodec.fromJson(b, where())).orElse(StoragePolicy.DEFAULT);
    }

    @Override
    public void write(StoragePolicy policy) throws IOException {
        StoreRecords.put(backend, FILE, StoreRecords.json(StoragePolicyCodec.node(policy)));
    }

    private String where() {
        return backend.location() + "/" + FILE;
    }
}
