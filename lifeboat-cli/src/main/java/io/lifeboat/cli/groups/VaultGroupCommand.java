package io.lifeboat.cli.groups;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lifeboat vault group}: consistency groups, one command per line. */
@Command(name = "group", header = "Define and list consistency groups.",
        description = "Consistency groups: machines (or sources of machines) whose points belong together. The"
                + " vault forms a group point when every member's agent (agent protect --group G) has committed for"
                + " the same round; a round that times out is incomplete. See docs/disaster-day.md.",
        mixinStandardHelpOptions = true,
        subcommands = {
            VaultGroupSetCommand.class,
            VaultGroupListCommand.class,
        })
public final class VaultGroupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing group command: see `lifeboat vault group --help`");
    }
}
