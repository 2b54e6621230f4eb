package io.lifeboat.cli.vault;

import io.lifeboat.cli.repo.VaultStore;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.ReadOnlyBackend;

/** The check {@code vault init --store} and {@code vault join} make before writing anything: the store can be used. */
final class StoreCheck {
    private StoreCheck() {
    }

    /**
     * Opens the store (the container exists, the credentials are accepted) and opens its repository
     * read-only (a format this Lifeboat reads); every failure is one line naming the store and what to do.
     */
    static Backend open(String store, String credentials) {
        String url = VaultStore.parse(store).toString();
        Backend backend = VaultStore.open(url, credentials, null, System.getenv());
        Repository.open(new ReadOnlyBackend(backend), RepositoryOptions.readOnlyDefaults()).close();
        return backend;
    }
}
