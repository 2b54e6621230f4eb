package io.lifeboat.cli.groups;

import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.repository.Durations;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.repository.groups.GroupDefinition;
import io.lifeboat.repository.groups.GroupMember;
import io.lifeboat.repository.groups.GroupPoint;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifeboat vault group list [--json]}: every group, its members and its newest complete group point. */
@Command(name = "list", mixinStandardHelpOptions = true, header = "List the consistency groups.",
        description = {"Every group with its members, its round timeout and its newest complete group point.",
            "JSON (--json): {\"groups\": [{group, members, roundTimeoutSeconds, defined, latestGroupPoint}]}."})
public final class VaultGroupListCommand implements Callable<Integer> {
    @Mixin
    VaultDirOption dir;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "write the list as JSON to FILE, or to standard output when FILE is omitted or -")
    String json;

    @Override
    public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Backend store = new ReadOnlyBackend(VaultDir.backend(dir.layout().dir()))) {
            GroupStore groups = GroupStore.on(store);
            for (GroupDefinition d : groups.definitions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("group", d.group());
                m.put("members", d.members().stream().map(GroupMember::toString).toList());
                m.put("roundTimeoutSeconds", d.roundTimeout().getSeconds());
                m.put("defined", d.created().toString());
                List<GroupPoint> points = groups.points(d.group(), Clock.systemUTC().instant());
                m.put("latestGroupPoint", points.stream().filter(p -> p.status() == GroupPoint.Status.COMPLETE)
                        .reduce((a, b) -> b).map(GroupPoint::round).orElse(null));
                rows.add(m);
            }
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot close the store: " + e.getMessage(), e);
        }
        if (json != null) {
            JsonOutput.write(json, Map.of("groups", rows), System.out);
            return 0;
        }
        if (rows.isEmpty()) {
            System.out.println("no consistency groups (define one with `lifeboat vault group set`)");
        }
        for (Map<String, Object> r : rows) {
            System.out.println(r.get("group") + ": " + String.join(", ", (List<String>) r.get("members"))
                    + "; round timeout " + Durations.format(java.time.Duration.ofSeconds((Long) r.get("roundTimeoutSeconds")))
                    + "; latest group point " + (r.get("latestGroupPoint") == null ? "none yet" : r.get("latestGroupPoint")));
        }
        return 0;
    }
}
