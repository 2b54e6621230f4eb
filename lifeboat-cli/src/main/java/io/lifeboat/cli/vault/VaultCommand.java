package io.lifeboat.cli.vault;

import io.lifeboat.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code lifeboat vault}: the vault's commands, one per line. */
@Command(name = "vault",
        header = "Run a vault: CA, enrolment tokens, machines, the HTTPS server.", description = "Run a vault: its CA, enrolment tokens, machines and the HTTPS server.",
        mixinStandardHelpOptions = true)
public final class VaultCommand extends CommandGroup {
    /** In the order `lifeboat vault --help` lists them; {@link io.lifeboat.cli.Main} builds only the one named. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            VaultInitCommand.class,
            VaultJoinCommand.class,
            VaultServeCommand.class,
            VaultEnrollCommand.class,
            VaultMachinesCommand.class,
            VaultPolicyCommand.class,
            VaultRevokeCommand.class,
            io.lifeboat.cli.fleet.VaultRpoCommand.class,
            io.lifeboat.cli.fleet.VaultEventsCommand.class,
            io.lifeboat.cli.fleet.VaultWebhookCommand.class,
            io.lifeboat.cli.fleet.VaultMetricsTokenCommand.class,
            io.lifeboat.cli.fleet.VaultLoginUrlCommand.class,
            io.lifeboat.cli.service.VaultInstallServiceCommand.class,
            io.lifeboat.cli.groups.VaultGroupCommand.class);

    public VaultCommand() {
        super(SUBCOMMANDS);
    }
}
