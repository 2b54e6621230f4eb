package io.lifeboat.cli.vault;

import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.repository.Durations;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault init}: creates the CA, the server certificate and the config. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a vault: its CA (ECDSA P-256) in VAULT/ca.crt and VAULT/ca.key (0600), a server",
            "certificate for the --host names and 127.0.0.1, VAULT/vault.json, and the storage policy VAULT/policy.json",
            "(the --keep-*, --lock-period and --free-space-reserve options, as `vault policy` takes them; default:",
            "every point of 24 h, then hourly for 3 days, daily for 15 days; lock period 24h). Never overwrites a vault.",
            "The repository is VAULT/repo/ unless --store names an Azure Blob container (azure-blob://CONTAINER[/PREFIX]),",
            "whose connection string comes from --credentials-file (0600) or AZURE_STORAGE_CONNECTION_STRING; the store",
            "is checked (container, credentials, format) before anything is written. With --store the vault's state",
            "(machines, tokens, policy) is in the store too, and the CA key only sealed under a new key, VAULT/vault.key",
            "(0600): back it up; more nodes join with `lifeboat vault join`."})
public final class VaultInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--host", paramLabel = "NAME", description = "A DNS name or IP address agents use to reach the vault (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where `vault serve` listens (default: ${DEFAULT-VALUE}; port 0: any free port).")
    String listen = VaultConfig.DEFAULT_LISTEN.toString();

    @Mixin
    PolicyOptions policy;

    @Option(names = "--store", paramLabel = "URL", description = "Keep the repository in Azure Blob Storage: azure-blob://CONTAINER[/PREFIX] (the container must exist). Default: VAULT/repo/.")
    String store;

    @Option(names = "--credentials-file", paramLabel = "FILE", description = "A file (0600) holding the storage account's connection string; default: the AZURE_STORAGE_CONNECTION_STRING variable.")
    java.nio.file.Path credentialsFile;

    @Override
    public Integer call() throws java.io.IOException {
        StoragePolicy storage = policy.applyTo(StoragePolicy.DEFAULT, java.util.Optional.empty()); // checked before anything is made
        String credentials = credentialsFile == null ? null : credentialsFile.toAbsolutePath().normalize().toString();
        Backend backend = checkStore(credentials); // before the vault folder is made: a bad store leaves nothing behind
        Vault vault = backend == null
                ? Vault.init(dir.layout(), hosts, HostPort.parse(listen), Clock.systemUTC())
                : Vault.initOnStore(dir.layout(), hosts, HostPort.parse(listen), backend, credentials, Clock.systemUTC());
        vault.policy().write(storage);
        String where = backend == null ? null : backend.location();
        var out = spec.commandLine().getOut();
        out.println("vault: created in " + vault.layout().dir());
        out.println("  CA certificate  " + vault.layout().caCertificate() + "  sha256 " + vault.caSha256());
        if (backend != null) {
            out.println("  vault key       " + vault.layout().vaultKey() + "  (0600; it opens the CA key sealed in the store:"
                    + " back it up, and give it to `lifeboat vault join` for more nodes)");
            out.println("  state           machines, tokens and policy in " + where + " (shared by every node)");
        }
        out.println("  retention       " + storage.retention().describe() + "; lock period "
                + Durations.format(storage.lockPeriod()) + "  (change it with `lifeboat vault policy`)");
        out.println("  repository      " + (store == null ? VaultDir.repository(vault.layout().dir()) : where));
        out.println("  listens on      " + vault.config().listen() + "  (start it with `lifeboat vault serve --dir "
                + vault.layout().dir() + "`)");
        return 0;
    }

    /** Opens the store (checking container, credentials and format version, writing nothing); null for none. */
    private Backend checkStore(String credentials) {
        if (store == null) {
            if (credentials != null) {
                throw new LifeboatException(LifeboatException.Kind.USAGE,
                        "--credentials-file is for --store azure-blob://...; the vault's own folder needs none");
            }
            return null;
        }
        return StoreCheck.open(store, credentials);
    }
}
