package io.lifeboat.cli.vault;

import io.lifeboat.repository.Durations;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultConfig;
import io.lifeboat.vault.store.PolicyFile;
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
            "every point of 24 h, then hourly for 3 days, daily for 15 days; lock period 24h). Never overwrites a vault."})
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

    @Override
    public Integer call() throws java.io.IOException {
        StoragePolicy storage = policy.applyTo(StoragePolicy.DEFAULT, java.util.Optional.empty()); // checked before anything is made
        Vault vault = Vault.init(dir.layout(), hosts, HostPort.parse(listen), Clock.systemUTC());
        new PolicyFile(vault.layout().policy()).write(storage);
        var out = spec.commandLine().getOut();
        out.println("vault: created in " + vault.layout().dir());
        out.println("  CA certificate  " + vault.layout().caCertificate() + "  sha256 " + vault.caSha256());
        out.println("  retention       " + storage.retention().describe() + "; lock period "
                + Durations.format(storage.lockPeriod()) + "  (change it with `lifeboat vault policy`)");
        out.println("  listens on      " + vault.config().listen() + "  (start it with `lifeboat vault serve --dir "
                + vault.layout().dir() + "`)");
        return 0;
    }
}
