package io.lifeboat.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reflink snapshot on whatever file system the test folder is on: where it can clone, the copy
 * holds the source and goes away on release; where it cannot (ext4, tmpfs), taking one fails with
 * cp's reason and leaves nothing behind. Which of the two applies is asked of cp itself first.
 */
class ReflinkSnapshotTest {
    @TempDir
    Path tmp;

    @Test
    void theCommandLineClonesKeepingEverythingAndNeverCopiesTheSlowWay() {
        assertThat(ReflinkSnapshot.command(Path.of("/srv/data"), Path.of("/srv/.lifeboat-snapshot-7/data")))
                .containsExactly("cp", "-a", "--reflink=always", "--no-target-directory", "--", "/srv/data",
                        "/srv/.lifeboat-snapshot-7/data");
    }

    @Test
    void aTreeIsClonedWhereTheFileSystemCanAndRefusedWithTheReasonWhereItCannot() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("src/tree"));
        Files.writeString(source.resolve("a"), "content");
        Path probe = Files.writeString(tmp.resolve("probe"), "p");
        boolean clones = Commands.SYSTEM.run(List.of("cp", "--reflink=always", probe.toString(),
                tmp.resolve("probe-copy").toString()), Map.of()).ok();
        ReflinkSnapshot provider = new ReflinkSnapshot(Commands.SYSTEM);
        if (clones) {
            Snapshot s = provider.take(source);
            assertThat(s.consistency()).isEqualTo(Consistency.CRASH_CONSISTENT);
            assertThat(s.path().getFileName()).isEqualTo(source.getFileName());
            assertThat(s.path().resolve("a")).hasContent("content");
            s.release(m -> { });
            assertThat(s.path().getParent()).doesNotExist();
        } else {
            assertThatThrownBy(() -> provider.take(source)).isInstanceOf(SnapshotException.class)
                    .hasMessageStartingWith("cannot take a reflink snapshot of " + source + ": cp: ")
                    .hasMessageContaining("this file system cannot clone files");
        }
        try (var left = Files.list(source.getParent())) {
            assertThat(left).as("nothing left beside the source").containsExactly(source);
        }
    }
}
