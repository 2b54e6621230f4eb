package io.lifeboat.cli.fleet;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.dashboard.LoginTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault login-url}: a one-time URL that signs a browser in to the dashboard. */
@Command(name = "login-url", mixinStandardHelpOptions = true,
        description = {"Print a one-time URL that signs a browser in to the vault's dashboard (nothing else).",
            "It works once, within --ttl; the session it starts lasts 8 hours. The browser must trust the",
            "vault's CA (VAULT/ca.crt) or be told to accept its certificate."})
public final class VaultLoginUrlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "10m",
            description = "How long the URL may be used (default: ${DEFAULT-VALUE}, at most 24h).")
    Duration ttl;

    @Override
    public Integer call() {
        Vault vault = dir.open(Clock.systemUTC());
        String t = new LoginTokens(dir.layout().dir(), vault.clock()).create(ttl);
        spec.commandLine().getOut().println("https://" + vault.advertisedAddress() + "/ui/login?t=" + t);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
