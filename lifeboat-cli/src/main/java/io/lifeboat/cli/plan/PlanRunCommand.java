package io.lifeboat.cli.plan;

import io.lifeboat.cli.ExitCode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanReport;
import io.lifeboat.plan.PlanRunOptions;
import io.lifeboat.plan.PlanRunner;
import io.lifeboat.plan.PlanScripts;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.tls.LifeboatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat plan run --dir VAULT PLAN [--test] [--point ...] [--yes] [--json]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run a recovery plan: its groups in order, each group's failovers at once.",
        description = {"Check PLAN as `plan validate` does (exit 2 on a problem), then run it: the groups in the order"
                + " validate prints; in each, the group's preScript, then its steps at once (each: its preScript, the"
                + " failover, its postScript), then the group's postScript, then its pause. Scripts run as"
                + " /bin/sh -c COMMAND with LIFEBOAT_PLAN, LIFEBOAT_GROUP, LIFEBOAT_PHASE (pre or post), LIFEBOAT_TEST"
                + " (1 under --test) and, for a step's scripts, LIFEBOAT_MACHINE, LIFEBOAT_TARGET and LIFEBOAT_POINT.",
            "A pause asks on the terminal (Enter goes on, `stop` or end of input stops the plan); --yes passes over"
                + " every pause and reports it skipped.",
            "The first failed step (a script exiting non-zero, a failover that fails) stops the plan once the group's"
                + " running failovers have finished: exit 3, and the report names the step.",
            "--test restores every step into a scratch target (under --scratch, default a new temporary folder) and"
                + " reads it back; the vault is only read in either mode: no point, retention or event changes.",
            "One progress line per step on standard error. JSON (--json): {plan, test, status, failedStep, order,"
                + " steps: [{name, kind, group, machine, target, point, status, bytesRestored, bytesFetched,"
                + " bytesWritten, started, finished, seconds, detail}]}."})
public final class PlanRunCommand implements Callable<Integer> {
    @Mixin
    VaultDirOption dir;

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (JSON)")
    Path plan;

    @Option(names = "--test", description = "restore into scratch targets and read them back; the plan's targets are not touched")
    boolean test;

    @Option(names = "--scratch", paramLabel = "DIR", description = "with --test: where the scratch targets go (default: a new temporary folder)")
    Path scratch;

    @Option(names = "--point", paramLabel = "latest|latest-group|ID",
            description = "the point of every step: latest, latest-group (the newest complete group point naming the"
                    + " step's machine), or an id; default: each step's own \"point\" (latest when it has none)")
    String point;

    @Option(names = "--force", description = "write into targets that hold data (in place, only what differs, as failover --force)")
    boolean force;

    @Option(names = "--marker-dir", paramLabel = "DIR", description = "where the incomplete marker of a block device"
            + " written in place is kept (as failover --marker-dir)")
    Path markerDir;

    @Option(names = "--yes", description = "do not stop at pauses: pass over each (the report says skipped)")
    boolean yes;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "write the report as JSON to FILE, or to standard output when FILE is omitted or -")
    String json;

    @Override
    public Integer call() {
        Plan checked = PlanFiles.readChecked(dir, plan);
        if (scratch != null && !test) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--scratch is for --test runs");
        }
        PlanRunOptions options = new PlanRunOptions(test, force, point, yes, test ? scratchFolder() : null,
                io.lifeboat.cli.repo.DeviceMarkers.folder(markerDir));
        PlanReport report;
        // the plan names every machine it restores: only their ownership records are read
        java.util.List<String> machines = checked.groups().stream().flatMap(g -> g.steps().stream())
                .map(io.lifeboat.plan.Plan.Step::machine).distinct().toList();
        try (Repository repo = machines.isEmpty() ? VaultDir.openReadOnly(dir.layout().dir())
                : VaultDir.openReadOnlyFor(dir.layout().dir(), machines);
                var store = new ReadOnlyBackend(VaultDir.backend(dir.layout().dir()))) {
            report = new PlanRunner(repo, GroupStore.on(store), PlanScripts.SHELL, this::ask,
                    new PlanProgress(System.err)).run(checked, options);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot close the store: " + e.getMessage(), e);
        }
        if (json != null) {
            JsonOutput.write(json, PlanReportJson.of(report), System.out);
        } else {
            System.out.println(PlanReportJson.summary(report, options));
        }
        return report.ok() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private Path scratchFolder() {
        try {
            if (scratch == null) {
                return Files.createTempDirectory("lifeboat-plan-test-");
            }
            Files.createDirectories(scratch);
            return scratch;
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot make the scratch folder: " + e.getMessage());
        }
    }

    /** A pause on the terminal: Enter goes on; "stop" or the end of standard input stops. */
    private boolean ask(String group, String text) {
        System.err.print("plan: pause after group " + group + ": " + text + " - press Enter to go on, or type stop: ");
        System.err.flush();
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            return line != null && !line.strip().equalsIgnoreCase("stop");
        } catch (IOException e) {
            return false;
        }
    }

    /** Standard input, read only when a pause asks (pauses come one at a time, between groups). */
    private BufferedReader stdin;
}
