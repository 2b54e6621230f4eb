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

    /** One group: its newest definition and the round of its newest complete group point (null: none yet). */
    private record Row(GroupDefinition definition, Long latest) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", definition.group());
            m.put("members", definition.members().stream().map(GroupMember::toString).toList());
            m.put("roundTimeoutSeconds", definition.roundTimeout().getSeconds());
            m.put("defined", definition.created().toString());
            m.put("latestGroupPoint", latest);
            return m;
        }

        String text() {
            return definition.group() + ": " + String.join(", ", definition.members().stream().map(GroupMember::toString)
                    .toList()) + "; round timeout " + Durations.format(definition.roundTimeout()) + "; latest group point "
                    + (latest == null ? "none yet" : latest);
        }
    }

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        try (Backend store = new ReadOnlyBackend(VaultDir.backend(dir.layout().dir()))) {
            GroupStore groups = GroupStore.on(store);
            for (GroupDefinition d : groups.definitions()) {
                Long latest = groups.points(d.group(), Clock.systemUTC().instant()).stream()
                        .filter(p -> p.status() == GroupPoint.Status.COMPLETE).reduce((a, b) -> b)
                        .map(GroupPoint::round).orElse(null);
                rows.add(new Row(d, latest));
            }
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot close the store: " + e.getMessage(), e);
        }
        if (json != null) {
            JsonOutput.write(json, Map.of("groups", rows.stream().map(Row::json).toList()), System.out);
            return 0;
        }
        if (rows.isEmpty()) {
            System.out.println("no consistency groups (define one with `lifeboat vault group set`)");
        }
        rows.forEach(r -> System.out.println(r.text()));
        return 0;
    }
}
