package io.lifeboat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The only main(): runs {@link LifeboatCommand} and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        NettyJfrEvents.offUnlessServing(args); // first: netty reads it once, when it first loads
        io.lifeboat.cli.agent.TlsPreload.startIfWanted(args); // BoringSSL loads while picocli parses
        System.exit(run(args));
    }

    /** Runs a command line in this JVM; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine cl = newCommandLine(args);
        try {
            // `--config FILE` (vault serve, agent protect): options the command line leaves out come from the file
            io.lifeboat.cli.service.ConfigFileDefaults config = io.lifeboat.cli.service.ConfigFileDefaults.fromArgs(args);
            if (config != null) {
                cl.setDefaultValueProvider(config);
            }
        } catch (io.lifeboat.tls.LifeboatException e) {
            cl.getErr().println("lifeboat: " + e.getMessage());
            return ExitCode.of(e);
        }
        return cl.execute(args);
    }

    /**
     * Adds the subcommands of {@code group} (if it is a {@link CommandGroup}): only the one
     * {@code args[at]} names, and below it only the one the next argument names; when the argument
     * names none (help, a typo, nothing), all of them with all of theirs, so that the usage and
     * picocli's suggestions list every command.
     */
    private static void addSubcommands(CommandLine group, String[] args, int at) {
        if (!(group.getCommand() instanceof CommandGroup g)) {
            return; // its subcommands, if any, are in its @Command annotation: picocli built them
        }
        Class<?> named = at < args.length ? named(g.subcommands(), args[at]) : null;
        for (Class<?> sub : g.subcommands()) {
            if (named == null || sub == named) {
                group.addSubcommand(sub);
                CommandLine added = group.getSubcommands().get(sub.getAnnotation(Command.class).name());
                addSubcommands(added, args, named == null ? args.length : at + 1);
            }
        }
    }

    private static Class<?> named(java.util.List<Class<?>> subcommands, String name) {
        for (Class<?> sub : subcommands) {
            Command c = sub.getAnnotation(Command.class);
            if (c.name().equals(name) || java.util.Arrays.asList(c.aliases()).contains(name)) {
                return sub;
            }
        }
        return null;
    }

    /** Every command's help ends with the same exit-code table. */
    private static void addExitCodeFooter(CommandLine cl) {
        cl.getCommandSpec().usageMessage().footer(ExitCode.HELP);
        cl.getSubcommands().values().forEach(Main::addExitCodeFooter);
    }

    /** The whole command tree (for help, and for tests that run several commands). */
    public static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The command tree for {@code args}: only the commands the arguments name, level by level
     * ({@code agent protect} builds {@code agent} and {@code protect}, not the other commands of
     * either level; see {@link CommandGroup}); a level whose argument names none (help, a typo,
     * nothing) gets all its commands.
     */
    public static CommandLine newCommandLine(String... args) {
        CommandLine cl = new CommandLine(new LifeboatCommand());
        addSubcommands(cl, args, 0);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof io.lifeboat.tls.LifeboatException) {
                commandLine.getErr().println("lifeboat: " + ex.getMessage());
            } else {
                commandLine.getErr().println("lifeboat: unexpected error: " + ex);
                if (System.getenv("LIFEBOAT_DEBUG") != null) {
                    ex.printStackTrace(commandLine.getErr());
                } else {
                    commandLine.getErr().println("(set LIFEBOAT_DEBUG=1 for the stack trace)");
                }
            }
            return ExitCode.of(ex);
        });
        cl.setExitCodeExceptionMapper(ExitCode::of);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        addExitCodeFooter(cl);
        return cl;
    }
}
