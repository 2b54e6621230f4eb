package io.lifeboat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The only main(): runs {@link LifeboatCommand} and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
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

    private static Class<?> subcommandNamed(String name) {
        for (Class<?> sub : LifeboatCommand.SUBCOMMANDS) {
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
     * The command tree for {@code args}: when the first argument names a subcommand, only that one
     * is built (see {@link LifeboatCommand}); otherwise (help, a typo, nothing) all of them, so the
     * usage and picocli's suggestions list every command.
     */
    public static CommandLine newCommandLine(String... args) {
        CommandLine cl = new CommandLine(new LifeboatCommand());
        Class<?> named = args.length == 0 ? null : subcommandNamed(args[0]);
        for (Class<?> sub : LifeboatCommand.SUBCOMMANDS) {
            if (named == null || sub == named) {
                cl.addSubcommand(sub);
            }
        }
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
