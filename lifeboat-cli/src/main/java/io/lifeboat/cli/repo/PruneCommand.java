package io.lifeboat.cli.repo;

import io.lifeboat.cli.JsonOutput;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.PruneReport;
import io.lifeboat.repository.PruneRequest;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RetentionPlan.Decision;
import io.lifeboat.vault.events.CommandEvents;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat prune}: the operator's retention run, with --dry-run, on the vault's own disk. */
@Command(name = "prune",
        header = "Delete recovery points by the vault's policy (or named ones) and the blocks nothing needs.",
        mixinStandardHelpOptions = true,
        description = {"Apply the vault's retention policy (`lifeboat vault policy`) to every machine, or one, and say for"
                + " each point whether it is kept (and by which rule), held by the lock period, or dropped; then delete the"
                + " dropped points and the blocks no point needs. --point deletes named points whatever the policy says;"
                + " --ignore-lock-period lets the policy drop points younger than the lock period. This is the only way to"
                + " delete a point inside the lock period: no machine request can.",
            "On a vault folder's own repository the vault must be stopped (prune takes its writer lock and names the running"
                + " vault otherwise); on a store shared by several vault nodes (Azure Blob) prune runs beside them, under the"
                + " prune lease, and deletes a dropped pack only --margin after the prune that dropped it. --dry-run only"
                + " reads and is safe while the vault serves. Use it to recover room on a full disk.",
            "JSON (--json): {dryRun, points: [{machine, source, id, created, verdict KEEP|HELD|DROP, reasons}],"
                + " removed: [id], packsDeleted, packsRepacked, packsWaiting}."})
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "VAULT", description = "the vault folder")
    Path dir;

    @Option(names = "--machine", paramLabel = "NAME", description = "only this machine's points")
    String machine;

    @Option(names = "--point", paramLabel = "ID", description = "delete this point whatever the policy says (repeatable)")
    List<String> points = new ArrayList<>();

    @Option(names = "--ignore-lock-period", description = "let the policy drop points younger than the lock period too")
    boolean ignoreLockPeriod;

    @Option(names = "--dry-run", description = "say what would be deleted, delete nothing")
    boolean dryRun;

    @Option(names = "--margin", paramLabel = "DURATION", converter = io.lifeboat.cli.DurationOption.class,
            description = "on a store shared by several vault nodes: leave packs younger than this, and delete a dropped"
                    + " pack no sooner than this after the prune that dropped it; longer than any node takes to check a"
                    + " commit (default: 1h)")
    java.time.Duration margin = io.lifeboat.repository.RepositoryOptions.DEFAULT_PRUNE_MARGIN;

    @Option(names = "--grace", paramLabel = "DURATION", converter = io.lifeboat.cli.DurationOption.class,
            description = "keep a machine's blocks uploaded (or reported present) within this, even when no point names"
                    + " them yet: they may belong to a point being uploaded (default: 6h)")
    java.time.Duration grace = io.lifeboat.repository.RepositoryOptions.DEFAULT_PRUNE_GRACE;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "write the report as JSON to FILE, or to standard output when FILE is omitted or -")
    String json;

    @Override
    public Integer call() {
        PruneRequest request = new PruneRequest(Optional.ofNullable(machine), Set.copyOf(points), ignoreLockPeriod, dryRun);
        PruneReport report;
        try (Repository repo = dryRun ? VaultDir.openReadOnly(dir) : VaultDir.openForWriting(dir, o -> o.withPruneMargin(margin).withPruneGrace(grace))) {
            report = repo.prune(request);
        }
        if (!dryRun) {
            VaultDir.recordEvent(dir, CommandEvents.prune(Instant.now(), machine, report));
        }
        if (json != null) {
            JsonOutput.write(json, toJson(report), System.out);
        } else {
            print(report, System.out);
        }
        return 0;
    }

    private static void print(PruneReport r, PrintStream out) {
        String group = null;
        for (Decision d : r.decisions()) {
            PointInfo p = d.point();
            String g = "machine " + p.machine() + ", source " + p.source();
            if (!g.equals(group)) {
                out.println(g);
                group = g;
            }
            out.printf("  %-4s  %s  %s  %s%n", d.verdict(), p.id(), p.created(),
                    d.reasons().isEmpty() ? "no rule keeps it" : String.join(", ", d.reasons()));
        }
        if (r.dryRun()) {
            out.println("would remove " + r.dropped().size() + " point(s); dry run: nothing was deleted");
        } else {
            out.println("removed " + r.removed().size() + " point(s); " + r.packsDeleted() + " pack file(s) deleted, "
                    + r.packsRepacked() + " repacked" + (r.packsWaiting() > 0 ? ", " + r.packsWaiting()
                    + " to delete once no verify or failover is reading" : ""));
        }
    }

    static Map<String, Object> toJson(PruneReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dryRun", r.dryRun());
        m.put("points", r.decisions().stream().map(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("machine", d.point().machine());
            x.put("source", d.point().source());
            x.put("id", d.point().id());
            x.put("created", d.point().created().toString());
            x.put("verdict", d.verdict().name());
            x.put("reasons", d.reasons());
            return x;
        }).toList());
        m.put("removed", r.removed().stream().map(PointInfo::id).toList());
        m.put("packsDeleted", r.packsDeleted());
        m.put("packsRepacked", r.packsRepacked());
        m.put("packsWaiting", r.packsWaiting());
        return m;
    }
}
