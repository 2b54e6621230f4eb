package io.lifeboat.cli.repo;

import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.groups.GroupPointsView;
import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.repository.groups.GroupPoint;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat points}: the recovery points a vault keeps. */
@Command(name = "points",
        header = "List the recovery points a vault keeps.", mixinStandardHelpOptions = true,
        description = {"List the recovery points a vault keeps, oldest first, per machine.",
            "CONSISTENCY is how the agent read the source: app-consistent (the application frozen and thawed"
                + " by agent protect --pre-script/--post-script, both succeeded), crash-consistent (from a snapshot,"
                + " agent protect --snapshot) or live (read as it changed).",
            "JSON (--json): {\"points\": [{id, machine, created, source, kind, sourceBytes, bytesSent,"
                + " tlsVersion, cipherSuite, consistency}]}.",
            "With --group G: the group's rounds, oldest first: complete (a group point), incomplete (its deadline"
                + " passed before every member committed) or open. JSON: {\"group\": G, \"groupPoints\": [{id, round,"
                + " status, opened, deadline, formed, members: [{member, machine, source, point}], missing}]}."})
public final class PointsCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "VAULT", description = "the vault folder")
    Path dir;

    @Option(names = "--machine", paramLabel = "NAME", description = "only this machine's points")
    String machine;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "list the group points of a consistency group instead: every round, complete or not, with its member points")
    String group;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "write the list as JSON to FILE, or to standard output when FILE is omitted or -")
    String json;

    @Override
    public Integer call() {
        if (group != null) {
            return groupPoints();
        }
        List<PointInfo> points;
        try (Repository repo = VaultDir.openReadOnly(dir)) {
            points = repo.points(Optional.ofNullable(machine));
        }
        PrintStream out = System.out;
        if (json != null) {
            JsonOutput.write(json, Map.of("points", points.stream().map(PointsCommand::toJson).toList()), out);
            return 0;
        }
        if (points.isEmpty()) {
            out.println(machine == null ? "no recovery points" : "no recovery points for machine " + machine);
            return 0;
        }
        String fmt = "%-26s %-16s %-20s %-12s %10s %10s  %-16s %-8s %s%n";
        out.printf(Locale.ROOT, fmt, "ID", "MACHINE", "CREATED", "KIND", "SIZE", "SENT", "CONSISTENCY", "TLS",
                "CIPHER SUITE");
        for (PointInfo p : points) {
            out.printf(Locale.ROOT, fmt, p.id(), p.machine(), p.created().toString().replaceFirst("\\.\\d+Z$", "Z"),
                    p.kind(), ProgressBar.bytes(p.sourceBytes()), ProgressBar.bytes(p.bytesSent()),
                    nz(p.consistency()), nz(p.tlsVersion()), nz(p.cipherSuite()));
        }
        return 0;
    }

    /** {@code --group G}: the rounds of the group, read from the store without any lock. */
    private int groupPoints() {
        if (machine != null) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "--group lists a group's points, which span machines: leave out --machine");
        }
        if (!Files.isDirectory(dir)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "no vault at " + dir
                    + " (--dir must name a folder made by `lifeboat vault init`)");
        }
        List<GroupPoint> points;
        try (ReadOnlyBackend store = new ReadOnlyBackend(VaultDir.backend(dir))) {
            GroupStore groups = GroupStore.on(store);
            if (groups.definition(group).isEmpty()) {
                throw new NotFoundException("there is no consistency group " + group + " (see `lifeboat vault group list`)");
            }
            points = groups.points(group, Clock.systemUTC().instant());
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot close the store: " + e.getMessage(), e);
        }
        if (json != null) {
            JsonOutput.write(json, GroupPointsView.json(group, points), System.out);
        } else {
            GroupPointsView.text(group, points, System.out);
        }
        return 0;
    }

    static Map<String, Object> toJson(PointInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("machine", p.machine());
        m.put("created", p.created().toString());
        m.put("source", p.source());
        m.put("kind", p.kind().name());
        m.put("sourceBytes", p.sourceBytes());
        m.put("bytesSent", p.bytesSent());
        m.put("tlsVersion", p.tlsVersion());
        m.put("cipherSuite", p.cipherSuite());
        m.put("consistency", p.consistency());
        return m;
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
