package io.lifeboat.cli.vault;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault enroll}: prints a one-time enrolment token as the only line on stdout. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Make a one-time enrolment token for a machine and print it (the only line on stdout).",
            "It carries the vault's address, a secret and the SHA-256 of the vault's CA; the vault keeps",
            "only a hash of the secret. Give it to `lifeboat agent enroll TOKEN --dir AGENT` on the machine."})
public final class VaultEnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--machine", required = true, paramLabel = "NAME", description = "The machine the token may enrol.")
    String machine;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "24h", converter = DurationOption.class,
            description = "How long the token stays valid: 90s, 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public Integer call() {
        String token = dir.open(Clock.systemUTC()).enroll(machine, ttl);
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
