package io.lifeboat.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command made of subcommands ({@code lifeboat}, {@code agent}, {@code vault}, {@code plan}) that
 * lists them here rather than in {@code @Command}'s {@code subcommands}, so that {@link Main} can
 * build only the one a command line names: picocli reads every option annotation of every command
 * it builds, and a fresh {@code agent protect} otherwise built the agent's other commands too before
 * its pass could start. Run without a subcommand, a group is a usage error pointing at its help.
 */
public abstract class CommandGroup implements Runnable {
    private final List<Class<?>> subcommands;

    @Spec
    CommandSpec spec;

    /** @param subcommands in the order the group's help lists them; keep one per line: each area adds its own */
    protected CommandGroup(List<Class<?>> subcommands) {
        this.subcommands = List.copyOf(subcommands);
    }

    /** The subcommands, in the order the group's help lists them. */
    public final List<Class<?>> subcommands() {
        return subcommands;
    }

    @Override
    public final void run() {
        String which = spec.parent() == null ? "command" : spec.name() + " command";
        throw new ParameterException(spec.commandLine(),
                "Missing " + which + ": see `" + spec.qualifiedName() + " --help`");
    }
}
