package io.lifeboat.cli.agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lifeboat agent}: the agent's commands, one per line. */
@Command(name = "agent",
        header = "Enrol this machine with a vault, renew its certificate, protect its data.", description = "Run an agent: enrol this machine with a vault and protect its data.",
        mixinStandardHelpOptions = true,
        subcommands = {
            AgentEnrollCommand.class,
            AgentProtectCommand.class,
            AgentRenewCommand.class,
            io.lifeboat.cli.service.AgentInstallServiceCommand.class,
        })
public final class AgentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing agent command: see `lifeboat agent --help`");
    }
}
