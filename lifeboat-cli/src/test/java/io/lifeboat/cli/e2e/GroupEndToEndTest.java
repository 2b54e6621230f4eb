package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.testing.LifeboatProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consistency groups (issue 18, acceptance 3), real processes on loopback TLS: two machines of one
 * group protect at the same time and the vault forms a group point; {@code failover --group} restores
 * both, byte for byte, from that one group point. Then only one member commits: its round times out
 * incomplete, and {@code --point latest} still uses the previous complete group point. Agents
 * protecting continuously ({@code --interval}) form a group point round after round.
 */
@Tag("e2e")
class GroupEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void twoMachinesFormAGroupPointAndAnIncompleteRoundIsPassedOver() throws IOException, InterruptedException {
        Path app = write(tmp.resolve("app.img"), 1 << 20, 1);
        Path db = write(tmp.resolve("db.img"), 3 << 19, 2);
        byte[] appAtRound1 = Files.readAllBytes(app);
        byte[] dbAtRound1 = Files.readAllBytes(db);
        try (ReplicationLab lab = ReplicationLab.start(tmp.resolve("lab"))) {
            Path appAgent = lab.enroll("app");
            Path dbAgent = lab.enroll("db");
            String v = lab.vault.toString();
            var refused = lab.run("vault", "group", "set", "shop", "--dir", v, "--member", "app", "--member", "nobody");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.stderr()).contains("the vault has no machine nobody");
            lab.ok("vault", "group", "set", "shop", "--dir", v, "--member", "app", "--member", "db:" + db,
                    "--round-timeout", "2m");

            // both members at once: one opens round 1, the other joins it, the second record forms the group point
            String told;
            try (LifeboatProcess a = protect(appAgent, app); LifeboatProcess b = protect(dbAgent, db)) {
                assertThat(a.waitFor(ReplicationLab.T)).as(a.stdout() + a.stderr()).isZero();
                assertThat(b.waitFor(ReplicationLab.T)).as(b.stdout() + b.stderr()).isZero();
                told = a.stdout() + b.stdout();
            }
            assertThat(told).contains("recorded for round 1").contains("(round complete: a group point)");
            JsonNode rounds = groupPoints(lab);
            assertThat(rounds).hasSize(1);
            JsonNode first = rounds.get(0);
            assertThat(first.path("status").asText()).isEqualTo("complete");
            assertThat(first.path("members")).hasSize(2);
            assertThat(first.path("members").findValuesAsText("member")).containsExactly("app", "db:" + db);
            JsonNode list = ReplicationLab.read(lab.ok("vault", "group", "list", "--dir", v, "--json").stdout());
            assertThat(list.path("groups").get(0).path("latestGroupPoint").asLong()).isEqualTo(1);

            // round 2: only app commits; db has stopped. A short timeout, set now, applies to the new round.
            lab.ok("vault", "group", "set", "shop", "--dir", v, "--member", "app", "--member", "db:" + db,
                    "--round-timeout", "2s");
            write(app, 1 << 20, 3);
            write(db, 3 << 19, 4);
            JsonNode appOnly = ReplicationLab.committed(lab.ok("agent", "protect", "--dir", appAgent.toString(), "--once",
                    "--json", "--group", "shop", app.toString()));
            assertThat(appOnly.path("point").path("id").asText()).isNotEmpty();
            Thread.sleep(2500); // past round 2's deadline
            rounds = groupPoints(lab);
            assertThat(rounds).hasSize(2);
            assertThat(rounds.get(1).path("status").asText()).isEqualTo("incomplete");
            assertThat(rounds.get(1).path("missing").findValuesAsText("missing")).isEmpty();
            assertThat(rounds.get(1).path("missing").get(0).asText()).isEqualTo("db:" + db);
            assertThat(rounds.get(1).path("members").get(0).path("point").asText())
                    .isEqualTo(appOnly.path("point").path("id").asText());

            // failover --group --point latest: the previous complete group point (round 1), both members byte for byte
            Path map = tmp.resolve("shop.map");
            Path appTarget = tmp.resolve("dr/app.img");
            Path dbTarget = tmp.resolve("dr/db.img");
            Files.createDirectories(appTarget.getParent());
            Files.writeString(map, "# the shop on the recovery site\napp = " + appTarget + "\ndb:" + db + " = " + dbTarget + "\n");
            JsonNode result = ReplicationLab.read(lab.ok("failover", "--dir", v, "--group", "shop", "--point", "latest",
                    "--to-map", map.toString(), "--json").stdout());
            assertThat(result.path("groupPoint").asLong()).isEqualTo(1);
            assertThat(result.path("members")).hasSize(2);
            assertThat(Files.readAllBytes(appTarget)).isEqualTo(appAtRound1);
            assertThat(Files.readAllBytes(dbTarget)).isEqualTo(dbAtRound1);
            assertThat(result.path("members").findValuesAsText("point"))
                    .containsExactlyElementsOf(first.path("members").findValuesAsText("point"));

            var incomplete = lab.run("failover", "--dir", v, "--group", "shop", "--point", "2", "--to-map", map.toString(),
                    "--force");
            assertThat(incomplete.exitCode()).isEqualTo(2);
            assertThat(incomplete.stderr()).contains("round 2 of group shop is incomplete").contains("missing db:" + db);
            Files.writeString(map, "app = " + appTarget + "\n");
            var unmapped = lab.run("failover", "--dir", v, "--group", "shop", "--to-map", map.toString(), "--force");
            assertThat(unmapped.exitCode()).isEqualTo(2);
            assertThat(unmapped.stderr()).contains("no target for db:" + db);
        }
    }

    @Test
    void agentsProtectingContinuouslyFormAGroupPointEveryRound() throws IOException, InterruptedException {
        Path app = write(tmp.resolve("app.img"), 1 << 19, 5);
        Path db = write(tmp.resolve("db.img"), 1 << 19, 6);
        try (ReplicationLab lab = ReplicationLab.start(tmp.resolve("lab"))) {
            Path appAgent = lab.enroll("app");
            Path dbAgent = lab.enroll("db");
            lab.ok("vault", "group", "set", "shop", "--dir", lab.vault.toString(), "--member", "app", "--member", "db",
                    "--round-timeout", "1m");
            try (LifeboatProcess a = continuous(appAgent, app); LifeboatProcess b = continuous(dbAgent, db)) {
                long deadline = System.nanoTime() + ReplicationLab.T.toNanos();
                int complete = 0;
                while (complete < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(1000);
                    complete = 0;
                    for (JsonNode round : groupPoints(lab)) {
                        complete += round.path("status").asText().equals("complete") ? 1 : 0;
                    }
                }
                assertThat(complete).as("complete rounds\n" + a.stdout() + b.stdout()).isGreaterThanOrEqualTo(2);
            }
            JsonNode rounds = groupPoints(lab);
            assertThat(rounds.get(0).path("members").findValuesAsText("member")).containsExactly("app", "db");
            assertThat(rounds.get(1).path("round").asLong()).isEqualTo(2);
            assertThat(rounds.get(1).path("members").findValuesAsText("point"))
                    .doesNotContainAnyElementsOf(rounds.get(0).path("members").findValuesAsText("point"));
        }
    }

    private static LifeboatProcess continuous(Path agent, Path source) {
        return LifeboatProcess.start(ReplicationLab.ENV, "agent", "protect", "--dir", agent.toString(), "--interval", "2s",
                "--json", "--group", "shop", source.toString());
    }

    private static LifeboatProcess protect(Path agent, Path source) {
        return LifeboatProcess.start(ReplicationLab.ENV, "agent", "protect", "--dir", agent.toString(), "--once", "--json",
                "--group", "shop", source.toString());
    }

    private static JsonNode groupPoints(ReplicationLab lab) {
        return ReplicationLab.read(lab.ok("points", "--dir", lab.vault.toString(), "--group", "shop", "--json").stdout())
                .path("groupPoints");
    }

    private static Path write(Path file, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(file, b);
    }
}
