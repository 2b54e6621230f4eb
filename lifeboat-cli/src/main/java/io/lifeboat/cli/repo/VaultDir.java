package io.lifeboat.cli.repo;

import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.VaultConfig;
import io.lifeboat.vault.VaultLayout;
import io.lifeboat.vault.events.CommandEvents;
import io.lifeboat.vault.events.StoreEventLog;
import io.lifeboat.vault.events.VaultEvent;
import io.lifeboat.vault.store.PolicyFile;
import io.lifeboat.vault.store.PolicyStore;
import io.lifeboat.vault.store.StorePolicy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a vault keeps its repository ({@code VAULT/repo/}, or the store {@code vault.json} names) and how
 * the commands open it.
 */
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
        return Repository.open(new ReadOnlyBackend(backend(vault)),
                RepositoryOptions.readOnlyDefaults().withPolicy(policy(vault)::read)
                        .withTableDir(new VaultLayout(vault).cache()));
    }

    /**
     * {@link #openReadOnly(Path)} for a failover of {@code machines}: only their ownership records are
     * read, so the open's cost follows what is restored, not what the vault holds; asking it about any
     * other machine's blocks fails naming that machine.
     */
    public static Repository openReadOnlyFor(Path vault, java.util.Collection<String> machines) {
        requireVault(vault);
        return Repository.open(new ReadOnlyBackend(backend(vault)),
                RepositoryOptions.readOnlyDefaults().withOnlyMachines(machines).withPolicy(policy(vault)::read)
                        .withTableDir(new VaultLayout(vault).cache()));
    }

    /**
     * Opens the repository of {@code vault} for writing, under the vault's storage policy: this takes
     * the single-writer lock, so it fails, naming the holder, while {@code vault serve} runs.
     */
    public static Repository openForWriting(Path vault) {
        return openForWriting(vault, o -> o);
    }

    /** {@link #openForWriting(Path)} with prune's own settings ({@code prune --margin}, {@code --grace}). */
    public static Repository openForWriting(Path vault, java.util.function.UnaryOperator<RepositoryOptions> prune) {
        requireVault(vault);
        return Repository.open(backend(vault),
                prune.apply(RepositoryOptions.defaults().withPolicy(policy(vault)::read)
                        .withTableDir(new VaultLayout(vault).cache())));
    }

    /**
     * The store {@code vault.json} names for the repository ({@link VaultStore}): the vault's own
     * {@code repo/} folder, or an Azure Blob store, checked before it is used.
     */
    public static Backend backend(Path vault) {
        VaultLayout layout = new VaultLayout(vault);
        if (!Files.isRegularFile(layout.config())) { // a folder made before vault.json, or by tests: the local repository
            return new LocalBackend(repository(vault));
        }
        VaultConfig config = VaultConfig.read(layout);
        return VaultStore.open(config.store(), config.credentialsFile(), repository(vault), System.getenv());
    }

    /**
     * The vault's storage policy: {@code VAULT/policy.json}, or for a vault whose state is in its store
     * the store's record (which every node on the store reads).
     */
    public static PolicyStore policy(Path vault) {
        VaultLayout layout = new VaultLayout(vault);
        if (!Files.isRegularFile(layout.config()) || VaultConfig.read(layout).store() == null) {
            return new PolicyFile(layout.policy());
        }
        return new StorePolicy(backend(vault));
    }

    /**
     * Adds an event of an operator's command ({@code verify}, {@code prune}) to the vault's log: the
     * folder's, or for a vault on a store the store's. False when {@code vault} is not a vault folder.
     */
    public static boolean recordEvent(Path vault, VaultEvent event) {
        VaultLayout layout = new VaultLayout(vault);
        if (!Files.isRegularFile(layout.config()) || VaultConfig.read(layout).store() == null) {
            return CommandEvents.record(vault, event);
        }
        new StoreEventLog(backend(vault)).append(event);
        return true;
    }

    private static void requireVault(Path vault) {
        if (!Files.isDirectory(vault)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "no vault at " + vault
                    + " (--dir must name a folder made by `lifeboat vault init`)");
        }
    }
}
