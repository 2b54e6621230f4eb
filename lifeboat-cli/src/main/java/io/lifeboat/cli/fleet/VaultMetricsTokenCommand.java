package io.lifeboat.cli.fleet;

import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.vault.metrics.MetricsToken;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vault metrics-token}: a new bearer token for {@code /metrics}. */
@Command(name = "metrics-token", mixinStandardHelpOptions = true,
        description = {"Make a new bearer token for GET /metrics and print it (nothing else); the previous token",
            "stops working at once. The vault keeps only its SHA-256. Give it to Prometheus as",
            "`authorization: {credentials_file: FILE}` in the scrape config (scheme: https)."})
public final class VaultMetricsTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Override
    public Integer call() {
        io.lifeboat.vault.VaultConfig.read(dir.layout());
        spec.commandLine().getOut().println(new MetricsToken(dir.layout().dir()).rotate());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
