package io.lifeboat.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code lifeboat}: the top command. Each subcommand is options + validation + one call into a core
 * module; they are listed in {@link #SUBCOMMANDS}, one line each, and nowhere else.
 *
 * <p>They are added by {@link Main#newCommandLine(String...)}, not through {@code @Command}'s
 * {@code subcommands}: building picocli's model of all of them reads every option annotation of
 * every command, about 0.3 s of CPU at each start, so a command line that names one builds only that
 * one ({@link CommandGroup}; {@code agent}, {@code vault} and {@code plan} do the same one level down).
 */
@Command(name = "lifeboat",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Site recovery over TLS 1.2+ only, and the tools that keep those links working.")
public final class LifeboatCommand extends CommandGroup {
    /** In the order `lifeboat --help` lists them. Keep one command per line: each area adds its own. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            io.lifeboat.cli.quickstart.QuickstartCommand.class,
            io.lifeboat.cli.vault.VaultCommand.class,
            io.lifeboat.cli.agent.AgentCommand.class,
            io.lifeboat.cli.repo.PointsCommand.class,
            io.lifeboat.cli.repo.FailoverCommand.class,
            io.lifeboat.cli.repo.VerifyCommand.class,
            io.lifeboat.cli.repo.PruneCommand.class,
            io.lifeboat.cli.plan.PlanCommand.class,
            io.lifeboat.cli.scan.ScanCommand.class,
            io.lifeboat.cli.readiness.ReadinessCommand.class,
            io.lifeboat.cli.doctor.DoctorCommand.class);

    public LifeboatCommand() {
        super(SUBCOMMANDS);
    }
}
