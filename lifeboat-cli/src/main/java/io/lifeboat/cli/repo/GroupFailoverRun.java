package io.lifeboat.cli.repo;

import io.lifeboat.cli.JsonOutput;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.repository.groups.GroupPoint;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.repository.groups.MemberPoint;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.GroupFailover;
import io.lifeboat.restore.RestoreListener;
import io.lifeboat.restore.TargetMap;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code failover --group G --point latest|ROUND --to-map MAP}: every member of one group point, restored at once. */
final class GroupFailoverRun {
    private final Path dir;
    private final String group;
    private final String point;
    private final Path map;
    private final FailoverOptions options;
    private final String json;

    GroupFailoverRun(Path dir, String group, String point, Path map, FailoverOptions options, String json) {
        this.dir = dir;
        this.group = group;
        this.point = point;
        this.map = map;
        this.options = options;
        this.json = json;
    }

    int call() {
        TargetMap targets = TargetMap.parse(read(map), map.toString());
        List<GroupFailover.MemberResult> results;
        GroupPoint gp;
        try (var store = new ReadOnlyBackend(VaultDir.backend(dir))) {
            // the group point first: it names the machines, and the repository is opened for those only
            gp = GroupStore.on(store).point(group, point, Clock.systemUTC().instant());
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot close the store: " + e.getMessage(), e);
        }
        List<String> machines = gp.members().stream().map(MemberPoint::machine).distinct().toList();
        try (Repository repo = machines.isEmpty() ? VaultDir.openReadOnly(dir) : VaultDir.openReadOnlyFor(dir, machines)) {
            Path vault = dir.toAbsolutePath().normalize();
            for (Path t : targets.targetsOf(gp.members())) {
                if (t.startsWith(vault)) {
                    throw new LifeboatException(LifeboatException.Kind.USAGE, map + ": target " + t + " is inside the vault "
                            + dir + "; restore somewhere else");
                }
            }
            RestoreListener progress = json != null ? new JsonProgress(System.err) : new WarningLines(System.err);
            results = new GroupFailover(repo, m -> progress).run(gp, targets, options);
        }
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", group);
            m.put("groupPoint", gp.round());
            m.put("members", results.stream().map(r -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("member", r.member().member());
                e.putAll(FailoverCommand.toJson(r.result()));
                return e;
            }).toList());
            JsonOutput.write(json, m, System.out);
        } else {
            System.out.println((options.test() ? "test failover" : "failover") + " of group " + group + " to group point "
                    + gp.round() + ": " + results.size() + " members");
            for (GroupFailover.MemberResult r : results) {
                System.out.println("  " + r.member().member() + ": " + FailoverCommand.summary(r.result()));
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read --to-map " + file + ": " + e.getMessage());
        }
    }
}
