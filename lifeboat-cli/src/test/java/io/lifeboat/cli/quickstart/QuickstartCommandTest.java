package io.lifeboat.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.testing.LifeboatProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "run it" command, as a user runs it: every step line, exit 0, nothing left behind. */
@Tag("e2e")
class QuickstartCommandTest {
    @TempDir
    Path tmp;

    @Test
    void everyStepWorksAndTheTemporaryFolderIsRemoved() {
        LifeboatProcess.Result r = LifeboatProcess.run(Duration.ofSeconds(180), "quickstart");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stdoutLines();
        assertThat(lines).anyMatch(l -> l.startsWith("[1/8] vault: created in"));
        assertThat(lines).anyMatch(l -> l.startsWith("[5/8] changed 8 scattered 64 KiB pieces (1%), protect again"));
        assertThat(lines).anyMatch(l -> l.startsWith("[6/8] test failover of the latest point")
                && l.endsWith("byte-identical to the source"));
        assertThat(lines).anyMatch(l -> l.matches("\\[7/8\\] TLS: both points travelled over TLSv1\\.[23] with TLS_\\S+ .*"));
        assertThat(lines).anyMatch(l -> l.startsWith("[8/8] a TLS 1.1-only client was refused: alert protocol_version (70)"));
        assertThat(lines.get(lines.size() - 1)).startsWith("quickstart: every step worked in");
        Path work = Path.of(lines.get(0).replaceFirst("quickstart: working in (\\S+) .*", "$1"));
        assertThat(work).doesNotExist();
    }

    @Test
    void aUsersPathIsProtectedButNeverChanged() throws Exception {
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/notes.txt"), "keep me as I am\n");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("sub/notes.txt"));
        LifeboatProcess.Result r = LifeboatProcess.run(Duration.ofSeconds(180), "quickstart", "--path", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("(only read, never changed)").contains("byte-identical to the source");
        assertThat(Files.readString(dir.resolve("sub/notes.txt"))).isEqualTo("keep me as I am\n");
    }

    @Test
    void aMissingPathIsAUsageError() {
        LifeboatProcess.Result r = LifeboatProcess.run(Duration.ofSeconds(60), "quickstart", "--path",
                tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("no such file or folder");
    }
}
