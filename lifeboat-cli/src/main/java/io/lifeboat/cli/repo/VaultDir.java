package io.lifeboat.cli.repo;

import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.VaultLayout;
import io.lifeboat.vault.store.PolicyFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a vault keeps its repository ({@code VAULT/repo/}) and how the read-side commands open it. */
public final class VaultDir {
    /** The repository folder inside a vault folder. */
    public static final String REPO = "repo";

    private VaultDir() {
    }

    public static Path repository(Path vault) {
        return vault.resolve(REPO);
    }

    /**
     * Opens the repository of {@code vault} read-only: no lock is taken and nothing can be changed, so
     * it is safe while {@code vault serve} runs. A vault without a repository yet opens empty.
     */
    public static Repository openReadOnly(Path vault) {
        requireVault(vault);
        return Repository.open(new ReadOnlyBackend(new LocalBackend(repository(vault))),
                RepositoryOptions.readOnlyDefaults().withPolicy(new PolicyFile(new VaultLayout(vault).policy())::read)
                        .withTableDir(new VaultLayout(vault).cache()));
    }

    /**
     * Opens the repository of {@code vault} for writing, under the vault's storage policy: this takes
     * the single-writer lock, so it fails, naming the holder, while {@code vault serve} runs.
     */
    public static Repository openForWriting(Path vault) {
        requireVault(vault);
        return Repository.open(new LocalBackend(repository(vault)),
                RepositoryOptions.defaults().withPolicy(new PolicyFile(new VaultLayout(vault).policy())::read)
                        .withTableDir(new VaultLayout(vault).cache()));
    }

    private static void requireVault(Path vault) {
        if (!Files.isDirectory(vault)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "no vault at " + vault
                    + " (--dir must name a folder made by `lifeboat vault init`)");
        }
    }
}
