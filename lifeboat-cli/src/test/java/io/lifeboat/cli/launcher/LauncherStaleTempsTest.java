package io.lifeboat.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launch.sh's {@code remove_stale_archive_temps} when the PID a temporary is named by is alive: kept
 * while that process is the one that wrote it, removed when the process started after the file last
 * changed (the PID was reused after the writer's kill -9); and {@code process_start_seconds} read
 * right for a process whose name holds a space and a parenthesis.
 */
class LauncherStaleTempsTest {
    private static final Path LAUNCH = Path.of("src/main/launcher/launch.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void aTemporaryOfAProcessStillRunningIsKept() throws Exception {
        Path temp = Files.writeString(tmp.resolve("lifeboat-x.jsa." + ProcessHandle.current().pid() + ".classes"), "being written");
        run("remove_stale_archive_temps \"$1\"", tmp.resolve("lifeboat-x.jsa").toString());
        assertThat(temp).exists();
    }

    @Test
    void aTemporaryOlderThanTheProcessNowUnderItsPidIsRemoved() throws Exception {
        long pid = ProcessHandle.current().pid();
        Path temp = Files.writeString(tmp.resolve("lifeboat-x.jsa." + pid + ".classes"), "left by a kill -9");
        Path partial = Files.writeString(tmp.resolve("lifeboat-x.jsa." + pid), "left by a kill -9");
        Path other = Files.writeString(tmp.resolve("lifeboat-y.jsa." + pid), "another command's, left alone");
        // as if the process under that PID had started a minute from now: not the writer
        run("process_start_seconds() { echo $(( $(date +%s) + 60 )); }; remove_stale_archive_temps \"$1\"",
                tmp.resolve("lifeboat-x.jsa").toString());
        assertThat(temp).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void aProcessStartIsReadPastANameWithASpaceAndAParenthesis() throws Exception {
        Path odd = tmp.resolve("odd) name");
        Files.copy(Path.of("/bin/sleep"), odd);
        assertThat(odd.toFile().setExecutable(true)).isTrue();
        Process sleeper = new ProcessBuilder(odd.toString(), "30").start();
        try {
            List<String> out = run("process_start_seconds \"$1\"; date +%s", Long.toString(sleeper.pid()));
            assertThat(Long.parseLong(out.get(0))).isBetween(Long.parseLong(out.get(1)) - 30, Long.parseLong(out.get(1)));
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code script} in bash after sourcing launch.sh, with {@code arg} as $1; it must return 0. */
    private static List<String> run(String script, String arg) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "source \"$0\" && { " + script + "; }", LAUNCH.toString(), arg)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
