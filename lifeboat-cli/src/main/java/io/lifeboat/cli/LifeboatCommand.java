package io.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lifeboat}: the top command. Each subcommand is options + validation + one call into a core
 * module; they are listed here, one line each, and nowhere else.
 */
@Command(name = "lifeboat",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Site recovery over TLS 1.2+ only, and the tools that keep those links working.",
        subcommands = {
            // Keep one command per line: each area adds its own.
            io.lifeboat.cli.quickstart.QuickstartCommand.class,
            io.lifeboat.cli.vault.VaultCommand.class,
            io.lifeboat.cli.agent.AgentCommand.class,
            io.lifeboat.cli.repo.PointsCommand.class,
            io.lifeboat.cli.repo.FailoverCommand.class,
            io.lifeboat.cli.repo.VerifyCommand.class,
            io.lifeboat.cli.scan.ScanCommand.class,
            io.lifeboat.cli.readiness.ReadinessCommand.class,
            io.lifeboat.cli.doctor.DoctorCommand.class,
        })
public final class LifeboatCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: see `lifeboat --help`");
    }
}
