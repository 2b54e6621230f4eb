package io.lifeboat.cli.service;

import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.vault.VaultConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault install-service}: a systemd unit and config file for {@code vault serve}. */
@Command(name = "install-service", mixinStandardHelpOptions = true,
        description = {"Write a systemd unit (lifeboat-vault.service) and its config file (vault.properties) that run",
            "`vault serve` for --dir as a dedicated user, restarted on failure, hardened (NoNewPrivileges,",
            "ProtectSystem=strict with only the vault folder writable). Then: useradd --system lifeboat;",
            "chown -R lifeboat: VAULT; systemctl daemon-reload; systemctl enable --now lifeboat-vault."})
public final class VaultInstallServiceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Mixin
    ServiceOptions service;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "lifeboat",
            description = "The user the vault runs as (default: ${DEFAULT-VALUE}).")
    String user;

    @Override
    public Integer call() {
        VaultConfig.read(dir.layout());
        Path vault = dir.layout().dir();
        Path config = service.configDir.resolve("vault.properties").toAbsolutePath();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dir", vault.toString());
        values.put("engine", "auto");
        SystemdUnit unit = new SystemdUnit("Lifeboat vault (site recovery over TLS 1.2+)",
                service.executable.toAbsolutePath() + " vault serve --config " + config, user, List.of(vault), false);
        Path unitFile = service.unitDir.resolve("lifeboat-vault.service");
        ServiceFiles.write(unitFile, unit, config, values, service.force);
        spec.commandLine().getOut().println("vault: wrote " + unitFile + " and " + config);
        return 0;
    }
}
