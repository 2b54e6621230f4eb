package io.lifeboat.cli.agent;

import io.lifeboat.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code lifeboat agent}: the agent's commands, one per line. */
@Command(name = "agent",
        header = "Enrol this machine with a vault, renew its certificate, protect its data.", description = "Run an agent: enrol this machine with a vault and protect its data.",
        mixinStandardHelpOptions = true)
public final class AgentCommand extends CommandGroup {
    /** In the order `lifeboat agent --help` lists them; {@link io.lifeboat.cli.Main} builds only the one named. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            AgentEnrollCommand.class,
            AgentProtectCommand.class,
            AgentRenewCommand.class,
            io.lifeboat.cli.service.AgentInstallServiceCommand.class);

    public AgentCommand() {
        super(SUBCOMMANDS);
    }
}
