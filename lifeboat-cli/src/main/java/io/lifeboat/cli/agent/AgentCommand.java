package io.lifeboat.cli.agent;

import io.lifeboat.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lifeboat agent}: the agent's commands, one per line. */
@Command(name = "agent",
        header = "Enrol this machine with a vault, renew its certificate, protect its data.", description = "Run an agent: enrol this machine with a vault and protect its data.",
        mixinStandardHelpOptions = true)
public final class AgentCommand implements Runnable, CommandGroup {
    /** In the order `lifeboat agent --help` lists them; {@link io.lifeboat.cli.Main} builds only the one named. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            AgentEnrollCommand.class,
            AgentProtectCommand.class,
            AgentRenewCommand.class,
            io.lifeboat.cli.service.AgentInstallServiceCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing agent command: see `lifeboat agent --help`");
    }
}
