package io.lifeboat.cli;

import picocli.CommandLine;

/** The only main(): runs {@link LifeboatCommand} and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line in this JVM; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** Every command's help ends with the same exit-code table. */
    private static void addExitCodeFooter(CommandLine cl) {
        cl.getCommandSpec().usageMessage().footer(ExitCode.HELP);
        cl.getSubcommands().values().forEach(Main::addExitCodeFooter);
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new LifeboatCommand());
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
