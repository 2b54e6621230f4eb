package io.lifeboat.cli.fleet;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.ops.FleetJson;
import io.lifeboat.vault.ops.FleetReport;
import io.lifeboat.vault.ops.FleetStatus;
import io.lifeboat.vault.ops.MachineStatus;
import io.lifeboat.vault.ops.RpoThresholds;
import io.lifeboat.vault.ops.SourceStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault rpo}: the RPO and health of every machine and source; sets the thresholds. */
@Command(name = "rpo", mixinStandardHelpOptions = true,
        description = {"Show the RPO (age of the newest point) and health of every machine and source:",
            "ok, warning, critical, never-protected, revoked. With --warning and --critical, first set the",
            "thresholds, vault-wide or for one --machine (default 15m and 30m); a serving vault applies",
            "them at its next check, without a restart.",
            "JSON (--json): {at, machines: [{machine, health, warningSeconds, criticalSeconds,",
            "certificateExpiry, sources: [{source, health, rpoSeconds, points, lastPoint}]}]}.",
            "Exit 0 when every protected machine is ok, 3 when one is warning or critical."})
public final class VaultRpoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--machine", paramLabel = "NAME", description = "Set the thresholds of this machine only.")
    String machine;

    @Option(names = "--warning", paramLabel = "DURATION", converter = DurationOption.class,
            description = "RPO past which a source is warning (e.g. 15m); with --critical.")
    Duration warning;

    @Option(names = "--critical", paramLabel = "DURATION", converter = DurationOption.class,
            description = "RPO past which a source is critical (e.g. 30m); with --warning.")
    Duration critical;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE|-",
            description = "Write JSON to FILE, or to stdout when no FILE (or -) is given.")
    String json;

    @Override
    public Integer call() {
        if ((warning == null) != (critical == null)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "give --warning and --critical together");
        }
        if (machine != null && warning == null) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--machine sets thresholds: give --warning and --critical");
        }
        Vault vault = dir.open(Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        if (warning != null) {
            FleetReport.setThresholds(vault, machine, new RpoThresholds(warning, critical));
            if (json == null) {
                out.println("vault: RPO thresholds of " + (machine == null ? "the vault" : "machine " + machine)
                        + " set: warning " + warning.toSeconds() + " s, critical " + critical.toSeconds() + " s");
            }
        }
        List<PointInfo> points;
        try (Repository repo = VaultDir.openReadOnly(dir.layout().dir())) {
            points = repo.points(Optional.empty());
        }
        FleetStatus status = FleetReport.status(vault, points);
        if (json != null) {
            JsonOutput.write(json, FleetJson.of(status, Map.of()), System.out);
        } else {
            print(status, out);
        }
        out.flush();
        boolean late = status.machines().stream().anyMatch(m -> m.health() == io.lifeboat.vault.ops.Health.WARNING
                || m.health() == io.lifeboat.vault.ops.Health.CRITICAL);
        return late ? 3 : 0;
    }

    static void print(FleetStatus s, PrintWriter out) {
        if (s.machines().isEmpty()) {
            out.println("no machines enrolled");
            return;
        }
        String fmt = "%-20s %-16s %-30s %10s %10s %10s  %s%n";
        out.printf(Locale.ROOT, fmt, "MACHINE", "HEALTH", "SOURCE", "RPO", "TARGET", "SIZE", "LAST POINT");
        for (MachineStatus m : s.machines()) {
            if (m.sources().isEmpty()) {
                out.printf(Locale.ROOT, fmt, m.machine(), m.health().id(), "-", "-",
                        seconds(m.thresholds().warning()), "-", "-");
            }
            for (SourceStatus src : m.sources()) {
                out.printf(Locale.ROOT, fmt, m.machine(), src.health().id(), src.source(), seconds(src.rpo()),
                        seconds(m.thresholds().warning()), ProgressBar.bytes(src.last().sourceBytes()), src.last().id());
            }
        }
    }

    static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s / 3600 + "h";
    }
}
