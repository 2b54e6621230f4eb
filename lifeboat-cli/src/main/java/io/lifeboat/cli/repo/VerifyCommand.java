package io.lifeboat.cli.repo;

import io.lifeboat.cli.ExitCode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.VerifyListener;
import io.lifeboat.repository.VerifyReport;
import io.lifeboat.vault.events.CommandEvents;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat verify}: re-hash every stored block and report damage (exit 12). */
@Command(name = "verify",
        header = "Re-hash every stored block and report damage.", mixinStandardHelpOptions = true,
        description = {"Re-read and re-hash every block a vault stores (or one machine's) and report damaged"
                + " blocks and the recovery points that need them. Read-only: safe while the vault serves.",
            "Progress: a bar on a terminal, plain lines otherwise, none with --json. Exit 12 when anything is damaged.",
            "JSON (--json): {ok, packsChecked, blocksChecked, bytesChecked, damaged: [{block, pack, problem}],"
                + " affectedPoints: [{machine, pointId, blocks}]}."})
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "VAULT", description = "the vault folder")
    Path dir;

    @Option(names = "--machine", paramLabel = "NAME", description = "only the blocks of this machine")
    String machine;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "write the report as JSON to FILE, or to standard output when FILE is omitted or -")
    String json;

    @Override
    public Integer call() {
        VerifyReport report;
        try (Repository repo = VaultDir.openReadOnly(dir);
                ProgressBar bar = json != null ? null : new ProgressBar(System.err, ProgressBar.stderrIsTerminal(),
                        "verify", 0, ProgressBar.Unit.BYTES)) {
            report = repo.verify(Optional.ofNullable(machine), bar == null ? VerifyListener.NONE : new VerifyListener() {
                @Override
                public void start(long totalBytes) {
                    bar.total(totalBytes);
                }

                @Override
                public void progress(long bytesDone) {
                    bar.update(bytesDone);
                }
            });
        }
        try {
            VaultDir.recordEvent(dir, CommandEvents.verify(Instant.now(), machine, report));
        } catch (RuntimeException e) {
            System.err.println("verify: the result was not added to the vault's event log: " + e.getMessage());
        }
        PrintStream out = System.out;
        if (json != null) {
            JsonOutput.write(json, toJson(report), out);
        } else {
            print(report, out);
        }
        return report.ok() ? ExitCode.OK : ExitCode.INTEGRITY;
    }

    private static void print(VerifyReport r, PrintStream out) {
        out.println("checked " + r.blocksChecked() + " blocks (" + ProgressBar.bytes(r.bytesChecked()) + " stored) in "
                + r.packsChecked() + " pack files");
        if (r.ok()) {
            out.println("ok: no damage found");
            return;
        }
        out.println("DAMAGED: " + r.damaged().size() + " block(s)");
        for (VerifyReport.Damage d : r.damaged()) {
            out.println("  block " + d.block() + (d.pack() == null ? "" : " in " + d.pack()) + ": " + d.problem());
        }
        for (VerifyReport.AffectedPoint p : r.affectedPoints()) {
            out.println("  point " + p.pointId() + " of machine " + p.machine() + " needs " + p.blocks().size()
                    + " damaged block(s) and cannot be restored in full");
        }
    }

    static Map<String, Object> toJson(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", r.ok());
        m.put("packsChecked", r.packsChecked());
        m.put("blocksChecked", r.blocksChecked());
        m.put("bytesChecked", r.bytesChecked());
        m.put("damaged", r.damaged().stream().map(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("block", d.block().hex());
            x.put("pack", d.pack());
            x.put("problem", d.problem());
            return x;
        }).toList());
        m.put("affectedPoints", r.affectedPoints().stream().map(p -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("machine", p.machine());
            x.put("pointId", p.pointId());
            x.put("blocks", p.blocks().stream().map(b -> b.hex()).toList());
            return x;
        }).toList());
        return m;
    }
}
