package io.lifeboat.cli.readiness;

import io.lifeboat.cli.ExitCode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.remediation.Remediation;
import io.lifeboat.readiness.report.FleetSummary;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lifeboat readiness}: will TLS 1.2 work on this Windows machine, and what is the fix? */
@Command(name = "readiness",
        header = "Will TLS 1.2 work on this Windows machine? Writes the fix as .reg.",
        mixinStandardHelpOptions = true,
        description = {
            "Checks whether a Windows machine can speak TLS 1.2 (SCHANNEL, .NET, WinHTTP, cipher suites, OS update)"
                + " and writes the fix as a .reg file. Reads the live registry (on Windows), .reg exports, or"
                + " offline SYSTEM/SOFTWARE hive files (dirty hives are repaired in memory from their .LOG1/.LOG2).",
            "One source: --live, --reg, --hive (optionally with --reg applied on top) or --fleet.",
            "Only the required rules decide: READY (exit 0); NOT READY (3) when one FAILs; INCOMPLETE (3) when one"
                + " cannot be judged from the input, naming what to give. Hardening advice WARNs. 2 bad input."})
public final class ReadinessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--live", description = "read this machine's registry (Windows only; reg export of both views)")
    boolean live;

    @Option(names = "--reg", paramLabel = "FILE", description = ".reg export; repeat to merge in order, as importing one"
            + " after another would; with --hive, applied on top of the hives")
    List<Path> regs = new ArrayList<>();

    @Option(names = "--hive", paramLabel = "FILE", description = "SYSTEM and/or SOFTWARE hive file (which is which is read from the file)")
    List<Path> hives = new ArrayList<>();

    @Option(names = "--log", paramLabel = "FILE", description = "transaction log of a hive (SYSTEM.LOG1, ...); by default"
            + " HIVE.LOG1/.LOG2 next to each hive are used")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--fleet", paramLabel = "DIR", description = "a folder of many machines' exports (NAME.reg, or one"
            + " folder per machine): one summary")
    Path fleet;

    @Option(names = "--fix", paramLabel = "OUT.reg", description = "write the remediation .reg (UTF-16LE, regedit"
            + " imports it); never applied by lifeboat")
    Path fix;

    @Option(names = "--harden", description = "with --fix: also write the hardening advice, which turns SSL 2.0/3.0"
            + " and TLS 1.0/1.1 off (only where TLS 1.2 is shown to work); check first that nothing still needs them")
    boolean harden;

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the report as JSON (schema in docs/readiness.md)")
    String json;

    @Option(names = {"-v", "--verbose"}, description = "show the evidence of every rule, not only of FAIL and UNKNOWN")
    boolean verbose;

    @Override
    public Integer call() {
        boolean combined = !hives.isEmpty() && !regs.isEmpty();
        int sources = (live ? 1 : 0) + (regs.isEmpty() || combined ? 0 : 1) + (hives.isEmpty() ? 0 : 1) + (fleet == null ? 0 : 1);
        if (sources != 1) {
            throw usage("give exactly one source: --live, --reg FILE..., --hive FILE... [--reg FILE...] or --fleet DIR");
        }
        if (harden && fix == null) {
            throw usage("--harden goes with --fix OUT.reg");
        }
        if (!logs.isEmpty() && hives.isEmpty()) {
            throw usage("--log goes with --hive");
        }
        PrintStream out = System.out;
        if (fleet != null) {
            if (fix != null) {
                throw usage("--fix writes one machine's remediation; it cannot be used with --fleet");
            }
            return fleet(out);
        }
        List<String> notes = new ArrayList<>();
        RegistryView view = live ? Sources.live(notes) : hives.isEmpty() ? Sources.regFiles(regs, notes)
                : regs.isEmpty() ? Sources.hives(hives, logs, notes)
                : Sources.regFilesOn(Sources.hives(hives, logs, notes), regs, notes);
        ReadinessReport report = Readiness.check(view, notes);
        if (!"-".equals(json)) {
            out.print(ReadinessText.render(report, verbose));
        }
        if (json != null) {
            JsonOutput.write(json, ReadinessJson.of(report), out);
        }
        if (fix != null) {
            writeFix(report);
            if (!"-".equals(json)) {
                out.println("Remediation written to " + fix + (harden ? " with hardening: it turns legacy protocols"
                        + " off; check that nothing on the machine still needs them" : " (only what the required rules"
                        + " need; --harden adds the hardening advice)") + ". Review it, then `reg import` it as an"
                        + " administrator and restart Windows.");
            }
        }
        return report.ready() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private int fleet(PrintStream out) {
        FleetSummary summary = Fleet.check(fleet);
        if (!"-".equals(json)) {
            out.print(ReadinessText.render(summary));
        }
        if (json != null) {
            JsonOutput.write(json, ReadinessJson.of(summary), out);
        }
        if (!summary.unreadable().isEmpty()) {
            return ExitCode.USAGE;
        }
        return summary.allReady() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private void writeFix(ReadinessReport report) {
        try {
            Path tmp = fix.resolveSibling(fix.getFileName() + ".tmp");
            Files.write(tmp, Remediation.file(report.os().name(), report.results(),
                    harden ? Remediation.Mode.HARDEN : Remediation.Mode.REQUIRED));
            Files.move(tmp, fix, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot write --fix " + fix + ": " + e.getMessage(), e);
        }
    }

    private LifeboatException usage(String message) {
        return new LifeboatException(LifeboatException.Kind.USAGE, message);
    }
}
