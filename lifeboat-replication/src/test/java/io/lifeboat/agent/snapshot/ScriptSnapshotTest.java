package io.lifeboat.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre/post pair run as real programs. */
class ScriptSnapshotTest {
    @TempDir
    Path tmp;

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void aPreScriptThatPrintsNothingHasTheSourceReadAndThePostScriptUndoesIt() throws IOException {
        Path source = Files.writeString(tmp.resolve("data"), "x");
        Path log = tmp.resolve("log");
        Path pre = script("pre", "echo \"pre $1 $LIFEBOAT_SOURCE\" >> " + log);
        Path post = script("post", "echo \"post $1 $LIFEBOAT_SNAPSHOT\" >> " + log);
        Snapshot s = new ScriptSnapshot(pre, post, Commands.SYSTEM).take(source);
        assertThat(s.path()).isEqualTo(source);
        assertThat(s.consistency()).isEqualTo(Consistency.CRASH_CONSISTENT);
        assertThat(Files.readAllLines(log)).containsExactly("pre " + source + " " + source);
        List<String> notices = new ArrayList<>();
        s.release(notices::add);
        assertThat(notices).isEmpty();
        assertThat(Files.readAllLines(log)).containsExactly("pre " + source + " " + source, "post " + source + " " + source);
    }

    @Test
    void aPathThePreScriptPrintsIsWhatIsRead() throws IOException {
        Path source = Files.writeString(tmp.resolve("data"), "x");
        Path frozen = tmp.resolve("frozen");
        Path pre = script("pre", "cp \"$1\" " + frozen + "\necho making a copy\necho " + frozen);
        Path post = script("post", "rm \"$LIFEBOAT_SNAPSHOT\"");
        Snapshot s = new ScriptSnapshot(pre, post, Commands.SYSTEM).take(source);
        assertThat(s.path()).isEqualTo(frozen);
        assertThat(frozen).hasContent("x");
        s.release(m -> { });
        assertThat(frozen).doesNotExist();
    }

    @Test
    void aFailingPreScriptStopsThePassWithItsReasonAndThePostScriptStillRuns() throws IOException {
        Path source = Files.writeString(tmp.resolve("data"), "x");
        Path ran = tmp.resolve("post-ran");
        Path pre = script("pre", "echo 'fsfreeze: cannot freeze /srv: Device or resource busy' >&2\nexit 3");
        Path post = script("post", "touch " + ran);
        assertThatThrownBy(() -> new ScriptSnapshot(pre, post, Commands.SYSTEM).take(source))
                .isInstanceOf(SnapshotException.class)
                .hasMessage("cannot take a snapshot of " + source + ": the pre script " + pre
                        + " failed: fsfreeze: cannot freeze /srv: Device or resource busy");
        assertThat(ran).exists();
    }

    @Test
    void aFailingPostScriptIsReportedNotFatal() throws IOException {
        Path source = Files.writeString(tmp.resolve("data"), "x");
        Snapshot s = new ScriptSnapshot(script("pre", "true"), script("post", "echo thaw failed >&2; exit 1"),
                Commands.SYSTEM).take(source);
        List<String> notices = new ArrayList<>();
        s.release(notices::add);
        assertThat(notices).singleElement().asString().contains("post script").contains("thaw failed")
                .contains("may still be in place");
    }

    @Test
    void aMissingScriptIsAClearError() throws IOException {
        Path source = Files.writeString(tmp.resolve("data"), "x");
        assertThatThrownBy(() -> new ScriptSnapshot(tmp.resolve("no-such-pre"), tmp.resolve("no-such-post"),
                Commands.SYSTEM).take(source))
                .hasMessageContaining("the pre script " + tmp.resolve("no-such-pre") + " failed: cannot run")
                .hasMessageContaining("the post script");
    }
}
