package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.testing.LifeboatProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent protect} in real JVMs ({@code Main.main}) against a real vault: with {@code --dir} on the
 * command line its vault client is set up before picocli parses ({@code EarlyClient}); with the folder
 * named by a {@code --config} file, by the command once parsed, as before. Both must pass and fail alike.
 */
@Tag("integration")
class EarlyClientEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aPassAndABadKeyGoTheSameWithTheClientStartedEarlyOrByTheCommand() throws Exception {
        try (ReplicationLab lab = ReplicationLab.start(tmp.resolve("lab"))) {
            Path agent = lab.enroll("web01");
            Path file = tmp.resolve("data.bin");
            Files.write(file, new byte[300_000]);
            Path config = tmp.resolve("agent.conf");
            Files.writeString(config, "dir=" + agent + "\npath.1=" + file + "\n");

            Map<String, String> debug = Map.of("LIFEBOAT_LOG_LEVEL", "debug");
            LifeboatProcess.Result early = LifeboatProcess.run(debug, ReplicationLab.T, "agent", "protect", "--dir",
                    agent.toString(), "--once", "--json", file.toString());
            assertThat(ReplicationLab.committed(early).path("sourceBytes").asLong()).isEqualTo(300_000);
            assertThat(early.stderr()).contains("the vault client set up at the start is taken");
            LifeboatProcess.Result own = LifeboatProcess.run(debug, ReplicationLab.T, "agent", "protect", "--config",
                    config.toString(), "--once", "--json");
            assertThat(ReplicationLab.committed(own).path("sourceBytes").asLong()).isEqualTo(300_000);
            assertThat(own.stderr()).doesNotContain("the vault client set up at the start");

            Files.writeString(agent.resolve("machine.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
            LifeboatProcess.Result earlyBad = lab.run("agent", "protect", "--dir", agent.toString(), "--once", file.toString());
            LifeboatProcess.Result ownBad = lab.run("agent", "protect", "--config", config.toString(), "--once");
            assertThat(earlyBad.exitCode()).as(earlyBad.toString()).isNotZero().isEqualTo(ownBad.exitCode());
            assertThat(errorLines(earlyBad)).as(earlyBad.toString()).hasSize(1).isEqualTo(errorLines(ownBad));
            assertThat(errorLines(earlyBad).get(0)).as(earlyBad.toString()).contains("machine.key");
        }
    }

    @Test
    void aUsageErrorOrAFolderNotEnrolledIsSaidOnceAndNothingElse() {
        Path agent = tmp.resolve("not-enrolled");
        LifeboatProcess.Result r = LifeboatProcess.run(ReplicationLab.T, "agent", "protect", "--dir", agent.toString(),
                "--once", "--interval", "0s", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().strip()).isEqualTo("lifeboat: --interval must be positive");

        r = LifeboatProcess.run(ReplicationLab.T, "agent", "protect", "--dir", agent.toString(), "--once", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("lifeboat: " + agent + " is not an enrolled agent folder (no agent.json):"
                + " run `lifeboat agent enroll TOKEN --dir " + agent + "`");
    }

    /** The lines the command printed about its failure (the JVM's own warnings left out). */
    private static List<String> errorLines(LifeboatProcess.Result r) {
        return r.stderr().lines().filter(l -> l.startsWith("lifeboat:")).toList();
    }
}
