package io.lifeboat.cli.vault;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault join}: makes another node of a vault whose state is in a store. */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = {"Make VAULT another node of the vault in --store: open the store's CA key with --key-file (the",
            "vault.key of a node of that store), issue this node's server certificate for the --host names and the listen",
            "host, and write VAULT/ (a copy of the vault key, ca.crt, server.crt/key, vault.json). The store, the key and",
            "the folder are checked first: a wrong key writes nothing. Then `lifeboat vault serve --dir VAULT`."})
public final class VaultJoinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--store", required = true, paramLabel = "URL", description = "The store of the vault: azure-blob://CONTAINER[/PREFIX].")
    String store;

    @Option(names = "--key-file", required = true, paramLabel = "FILE", description = "The vault key of a node on the store (VAULT/vault.key).")
    Path keyFile;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "Where this node's `vault serve` listens.")
    String listen;

    @Option(names = "--host", paramLabel = "NAME", description = "A DNS name or IP address agents use to reach this node (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--credentials-file", paramLabel = "FILE", description = "A file (0600) holding the storage account's connection string; default: the AZURE_STORAGE_CONNECTION_STRING variable.")
    Path credentialsFile;

    @Override
    public Integer call() {
        HostPort at = HostPort.parse(listen);
        String credentials = credentialsFile == null ? null : credentialsFile.toAbsolutePath().normalize().toString();
        Backend backend = StoreCheck.open(store, credentials);
        Vault vault = Vault.join(dir.layout(), hosts, at, backend, credentials, keyFile.toAbsolutePath(), Clock.systemUTC());
        var out = spec.commandLine().getOut();
        out.println("vault: node created in " + vault.layout().dir() + " for the vault in " + backend.location());
        out.println("  CA certificate  " + vault.layout().caCertificate() + "  sha256 " + vault.caSha256());
        out.println("  vault key       " + vault.layout().vaultKey() + "  (0600, a copy of " + keyFile + ")");
        out.println("  listens on      " + vault.config().listen() + "  (start it with `lifeboat vault serve --dir "
                + vault.layout().dir() + "`)");
        return 0;
    }
}
