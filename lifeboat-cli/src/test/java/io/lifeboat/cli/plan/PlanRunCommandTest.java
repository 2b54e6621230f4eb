package io.lifeboat.cli.plan;

import static io.lifeboat.cli.testing.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.cli.testing.OfflineVault;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.vault.Vault;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan run} in-process against a vault folder with real points (issue 18, acceptance 4): groups
 * run in order and a group's members at once (proved by the timestamps the scripts append), {@code
 * --test} restores into scratch targets and leaves every file of the repository as it was, and a
 * failing script stops the plan with exit 3 and a report naming the step.
 */
class PlanRunCommandTest {
    static final int BS = 32 << 10;

    @TempDir
    Path tmp;

    Path dir;
    Path log;
    final Map<String, byte[]> images = new HashMap<>();

    @BeforeEach
    void vaultWithPoints() throws Exception {
        dir = tmp.resolve("V");
        log = tmp.resolve("times.log");
        Vault v = OfflineVault.withMachines(dir);
        try (Repository repo = Repository.openLocal(VaultDir.repository(dir), RepositoryOptions.defaults())) {
            long seed = 1;
            for (String m : List.of("db-1", "web-1", "web-2")) {
                OfflineVault.enrol(v, m);
                byte[] image = Fixtures.random(seed++, 6 * BS);
                images.put(m, image);
                Fixtures.protect(repo, m, Fixtures.cutImage(image, BS, SourceKind.IMAGE));
            }
        }
    }

    /** A shell command that appends "WHAT <nanoseconds>" to the log. */
    String stamp(String what) {
        return "echo \\\"" + what + " $(date +%s%N)\\\" >> " + log;
    }

    Path plan(String dbPostScript) throws IOException {
        return Files.writeString(tmp.resolve("plan.json"), """
                {"name": "shop", "groups": [
                  {"name": "web", "after": ["db"], "preScript": "%s", "postScript": "%s", "steps": [
                     {"machine": "web-1", "to": "%s", "preScript": "%s; sleep 1", "postScript": "%s"},
                     {"machine": "web-2", "to": "%s", "preScript": "%s; sleep 1", "postScript": "%s"}]},
                  {"name": "db", "preScript": "%s", "postScript": "%s", "pause": "check the database",
                   "steps": [{"machine": "db-1", "to": "%s"}]}]}
                """.formatted(stamp("web-pre"), stamp("web-post"),
                tmp.resolve("dr/web-1.img"), stamp("start-$LIFEBOAT_MACHINE"), stamp("end-$LIFEBOAT_MACHINE"),
                tmp.resolve("dr/web-2.img"), stamp("start-$LIFEBOAT_MACHINE"), stamp("end-$LIFEBOAT_MACHINE"),
                stamp("db-pre"), dbPostScript, tmp.resolve("dr/db-1.img")));
    }

    Map<String, Long> times() throws IOException {
        Map<String, Long> t = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            String[] p = line.split(" ");
            t.put(p[0], Long.parseLong(p[1]));
        }
        return t;
    }

    /** Every file of the vault folder but its scratch tables, with size and modification time. */
    Map<String, String> vaultFiles() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).startsWith("cache")).toList()) {
                out.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }

    @Test
    void groupsRunInOrderMembersAtOnceAndATestRunTouchesNothingTheVaultKeeps() throws Exception {
        Path plan = plan(stamp("db-post"));
        Path scratch = tmp.resolve("scratch");
        Map<String, String> before = vaultFiles();
        Run r = run("plan", "run", "--dir", dir.toString(), plan.toString(), "--test", "--yes", "--scratch",
                scratch.toString(), "--json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Map<String, Long> t = times();
        // groups in order: db (its pre, failover, post) entirely before web
        assertThat(t.get("db-pre")).isLessThan(t.get("db-post"));
        assertThat(t.get("db-post")).isLessThan(t.get("web-pre"));
        // members at once: both web steps started (then slept a second) before either ended
        long lastStart = Math.max(t.get("start-web-1"), t.get("start-web-2"));
        long firstEnd = Math.min(t.get("end-web-1"), t.get("end-web-2"));
        assertThat(lastStart).isLessThan(firstEnd);
        assertThat(t.get("web-pre")).isLessThan(Math.min(t.get("start-web-1"), t.get("start-web-2")));
        assertThat(t.get("web-post")).isGreaterThan(Math.max(t.get("end-web-1"), t.get("end-web-2")));

        JsonNode report = JsonOutput.MAPPER.readTree(r.out());
        assertThat(report.path("status").asText()).isEqualTo("ok");
        assertThat(report.path("test").asBoolean()).isTrue();
        assertThat(report.path("order").toString()).isEqualTo("[\"db\",\"web\"]");
        assertThat(report.path("steps").findValuesAsText("name")).containsExactly("db/pre-script", "db/db-1",
                "db/post-script", "db/pause", "web/pre-script", "web/web-1/pre-script", "web/web-1",
                "web/web-1/post-script", "web/web-2/pre-script", "web/web-2", "web/web-2/post-script", "web/post-script");
        JsonNode pause = report.path("steps").get(3);
        assertThat(pause.path("status").asText()).isEqualTo("skipped");
        assertThat(pause.path("detail").asText()).isEqualTo("check the database");
        JsonNode web1 = report.path("steps").get(6);
        assertThat(web1.path("point").asText()).isNotEmpty();
        assertThat(web1.path("bytesRestored").asLong()).isEqualTo(6L * BS);
        assertThat(web1.path("seconds").asDouble()).isPositive();
        // scratch targets, byte for byte; the plan's own targets untouched
        assertThat(Files.readAllBytes(Path.of(web1.path("target").asText()))).isEqualTo(images.get("web-1"));
        assertThat(Path.of(web1.path("target").asText())).startsWith(scratch);
        assertThat(tmp.resolve("dr")).doesNotExist();
        assertThat(r.err()).contains("plan: web/web-2: ok, point ").contains("plan: db/pause: skipped");
        // points, retention, policy: every file of the vault as it was
        assertThat(vaultFiles()).isEqualTo(before);
    }

    @Test
    void aRealRunWritesThePlansTargets() throws Exception {
        Files.createDirectories(tmp.resolve("dr"));
        Run r = withStdin("\n", () -> run("plan", "run", "--dir", dir.toString(), plan(stamp("db-post")).toString()));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("plan: pause after group db: check the database");
        assertThat(r.out()).contains("plan shop: done, 2 groups, 3 failovers");
        for (String m : List.of("db-1", "web-1", "web-2")) {
            assertThat(Files.readAllBytes(tmp.resolve("dr/" + m + ".img"))).isEqualTo(images.get(m));
        }
    }

    @Test
    void latestGroupRestoresEachStepFromTheNewestCompleteGroupPoint() throws Exception {
        var store = new io.lifeboat.repository.backend.LocalBackend(VaultDir.repository(dir));
        var groups = io.lifeboat.repository.groups.GroupStore.on(store);
        groups.define(new io.lifeboat.repository.groups.GroupDefinition("web", List.of(
                io.lifeboat.repository.groups.GroupMember.parse("web-1"), io.lifeboat.repository.groups.GroupMember.parse("web-2")),
                Duration.ofMinutes(10), Instant.now()));
        groups.currentRound("web", "web-1", Instant.now().minusSeconds(1));
        Map<String, byte[]> inGroup = new HashMap<>();
        try (Repository repo = Repository.openLocal(VaultDir.repository(dir), RepositoryOptions.defaults())) {
            long seed = 50;
            for (String m : List.of("web-1", "web-2")) {
                inGroup.put(m, Fixtures.random(seed++, 5 * BS));
                var p = Fixtures.protect(repo, m, Fixtures.cutImage(inGroup.get(m), BS, SourceKind.IMAGE));
                groups.record("web", 1, m, p.source(), p.id(), p.created(), Instant.now());
            }
            // web-1 went on alone: its latest point is in no group point
            Fixtures.protect(repo, "web-1", Fixtures.cutImage(Fixtures.random(99, 5 * BS), BS, SourceKind.IMAGE));
        }
        Path plan = Files.writeString(tmp.resolve("web.json"), """
                {"name": "web only", "groups": [{"name": "web", "steps": [
                  {"machine": "web-1", "to": "/dr/web-1.img"}, {"machine": "web-2", "to": "/dr/web-2.img"}]}]}
                """);
        Run r = run("plan", "run", "--dir", dir.toString(), plan.toString(), "--test", "--point", "latest-group", "--json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode steps = JsonOutput.MAPPER.readTree(r.out()).path("steps");
        for (JsonNode step : steps) {
            assertThat(Files.readAllBytes(Path.of(step.path("target").asText()))).isEqualTo(inGroup.get(step.path("machine").asText()));
        }
        Run latest = run("plan", "run", "--dir", dir.toString(), plan.toString(), "--test", "--json");
        JsonNode web1 = JsonOutput.MAPPER.readTree(latest.out()).path("steps").get(0);
        assertThat(Files.readAllBytes(Path.of(web1.path("target").asText()))).isNotEqualTo(inGroup.get("web-1"));
    }

    @Test
    void aFailingScriptStopsThePlanWithExitThreeNamingTheStep() throws Exception {
        Path plan = plan("echo 'the database would not start'; exit 7");
        Run r = run("plan", "run", "--dir", dir.toString(), plan.toString(), "--test", "--yes", "--json");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        JsonNode report = JsonOutput.MAPPER.readTree(r.out());
        assertThat(report.path("status").asText()).isEqualTo("failed");
        assertThat(report.path("failedStep").asText()).isEqualTo("db/post-script");
        JsonNode last = report.path("steps").get(report.path("steps").size() - 1);
        assertThat(last.path("detail").asText()).contains("exited with status 7: the database would not start");
        assertThat(report.path("steps").findValuesAsText("group")).doesNotContain("web");
        assertThat(times()).containsOnlyKeys("db-pre"); // web never started
        Run text = run("plan", "run", "--dir", dir.toString(), plan.toString(), "--test", "--yes");
        assertThat(text.code()).isEqualTo(3);
        assertThat(text.out()).contains("stopped at step db/post-script").contains("later steps did not run");
    }

    @Test
    void aPauseStopsThePlanWhenNobodyConfirms() throws Exception {
        Path plan = plan(stamp("db-post"));
        Run r = withStdin("stop\n", () -> run("plan", "run", "--dir", dir.toString(), plan.toString(), "--test", "--json"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(JsonOutput.MAPPER.readTree(r.out()).path("failedStep").asText()).isEqualTo("db/pause");
        assertThat(times()).doesNotContainKey("web-pre");
    }

    @Test
    void aBadPlanIsRefusedBeforeAnythingRuns() throws Exception {
        Path plan = Files.writeString(tmp.resolve("bad.json"), """
                {"name": "x", "groups": [{"name": "a", "preScript": 5, "steps": [{"machine": "mail-1", "to": "/dr/a"}]}]}
                """);
        Run r = run("plan", "run", "--dir", dir.toString(), plan.toString(), "--test");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("$.groups[0].preScript: \"preScript\" must be a non-empty string");
    }

    interface Call {
        Run call() throws Exception;
    }

    static Run withStdin(String input, Call call) throws Exception {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return call.call();
        } finally {
            System.setIn(old);
        }
    }
}
