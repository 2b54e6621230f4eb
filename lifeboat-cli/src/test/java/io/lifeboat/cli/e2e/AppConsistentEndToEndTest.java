package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App-consistent points (issue 18, item 2), real processes on loopback: with freeze and thaw
 * scripts that succeed, {@code points --json} shows app-consistent; with a freeze that fails, the
 * pass says so and the point is labelled what it is (live).
 */
@Tag("e2e")
class AppConsistentEndToEndTest {
    @TempDir
    Path tmp;

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void aPointIsAppConsistentOnlyWhenFreezeAndThawBothSucceeded() throws IOException {
        Path log = tmp.resolve("log");
        Path freeze = script("freeze.sh", "echo \"$LIFEBOAT_PHASE $1\" >> " + log);
        Path thaw = script("thaw.sh", "echo \"$LIFEBOAT_PHASE $1\" >> " + log);
        Path broken = script("broken-freeze.sh", "echo 'psql: cannot reach the database to freeze it' >&2\nexit 4");
        Path source = Files.write(tmp.resolve("db.img"), new byte[256 * 1024]);
        Files.write(source, "some rows".getBytes(), java.nio.file.StandardOpenOption.WRITE);
        try (ReplicationLab lab = ReplicationLab.start(tmp.resolve("lab"))) {
            Path agent = lab.enroll("db");
            JsonNode ok = lab.protect(agent, source, "--pre-script", freeze.toString(), "--post-script", thaw.toString());
            assertThat(ok.path("point").path("consistency").asText()).isEqualTo("app-consistent");
            assertThat(Files.readAllLines(log)).containsExactly("freeze " + source, "thaw " + source);
            List<JsonNode> points = lab.points("db");
            assertThat(points.get(points.size() - 1).path("consistency").asText()).isEqualTo("app-consistent");

            var failed = lab.ok("agent", "protect", "--dir", agent.toString(), "--once", "--json",
                    "--pre-script", broken.toString(), "--post-script", thaw.toString(), source.toString());
            List<JsonNode> events = ReplicationLab.events(failed.stdout());
            assertThat(events).filteredOn(e -> e.path("event").asText().equals("notice"))
                    .extracting(e -> e.path("message").asText())
                    .anySatisfy(m -> assertThat(m).contains("the pre script " + broken + " failed")
                            .contains("cannot reach the database").contains("not app-consistent"));
            assertThat(ReplicationLab.committed(failed).path("point").path("consistency").asText()).isEqualTo("live");
            points = lab.points("db");
            assertThat(points).hasSize(2);
            assertThat(points.get(1).path("consistency").asText()).isEqualTo("live");
            assertThat(Files.readAllLines(log)).as("the thaw still ran after the failed freeze")
                    .containsExactly("freeze " + source, "thaw " + source, "thaw " + source);

            var usage = lab.run("agent", "protect", "--dir", agent.toString(), "--once", "--pre-script", freeze.toString(),
                    source.toString());
            assertThat(usage.exitCode()).isEqualTo(2);
            assertThat(usage.stderr()).contains("--pre-script and --post-script go together");
        }
    }
}
