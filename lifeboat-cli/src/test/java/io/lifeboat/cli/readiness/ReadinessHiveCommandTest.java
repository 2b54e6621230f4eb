package io.lifeboat.cli.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --hive with the real dirty Windows 10 SYSTEM hive from shared/fixtures: the .LOG1/.LOG2 beside it
 * are found and replayed in memory; the files are left as they were. Skips when the shared data or
 * xz is absent, fails then when CI=true.
 */
class ReadinessHiveCommandTest {
    @TempDir
    Path dir;

    static Path shared() {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in the module folder
        String beside = root == null || root.getParent() == null ? null : root.getParent().resolve("shared").toString();
        for (String c : new String[] {System.getenv("LIFEBOAT_SHARED"), beside, "/work/shared"}) {
            if (c != null && Files.isDirectory(Path.of(c, "fixtures", "registry", "regipy"))) {
                return Path.of(c, "fixtures", "registry", "regipy");
            }
        }
        return null;
    }

    void unxz(Path src, Path dst) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("xz", "-dc", src.toString()).redirectOutput(dst.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void logsBesideTheHiveAreReplayedInMemory() throws Exception {
        Path regipy = shared();
        boolean xz = Files.isExecutable(Path.of("/usr/bin/xz")) || Files.isExecutable(Path.of("/bin/xz"));
        if (regipy == null || !xz) {
            if ("true".equals(System.getenv("CI"))) {
                fail("shared registry fixtures or xz missing (required when CI=true)");
            }
            assumeTrue(false, "shared registry fixtures or xz missing");
        }
        Path hive = dir.resolve("SYSTEM");
        unxz(regipy.resolve("SYSTEM_B.xz"), hive);
        unxz(regipy.resolve("SYSTEM_B.LOG1.xz"), dir.resolve("SYSTEM.LOG1"));
        unxz(regipy.resolve("SYSTEM_B.LOG2.xz"), dir.resolve("SYSTEM.LOG2"));
        byte[] before = Files.readAllBytes(hive);

        ReadinessCommandTest.Run r = ReadinessCommandTest.run("readiness", "--hive", hive.toString(), "--json", "-");
        JsonNode j = JsonOutput.MAPPER.readTree(r.out());
        assertThat(j.get("notes").get(0).asText()).contains("replayed 24 log entries (new format, sequence 2107..2130)");
        assertThat(j.get("os").get("arch").asText()).isEqualTo("x64");
        // a SYSTEM hive alone can never be READY: the OS and its update are in SOFTWARE
        assertThat(j.get("verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(j.get("missing").get(0).asText()).startsWith("give the SOFTWARE hive");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(Files.readAllBytes(hive)).isEqualTo(before);

        ReadinessCommandTest.Run wrongLog = ReadinessCommandTest.run("readiness", "--hive", hive.toString(),
                "--log", dir.resolve("OTHER.LOG1").toString());
        assertThat(wrongLog.exit()).isEqualTo(2);
        assertThat(wrongLog.err()).contains("does not belong to any --hive");
    }
}
