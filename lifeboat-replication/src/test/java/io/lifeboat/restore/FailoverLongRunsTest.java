package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image without zero blocks: every group is one run of consecutive blocks, written in several
 * gathering writes of {@link FileWriter#WRITE_BYTES} and groups of {@link FileWriter#GROUP_BLOCKS}
 * (the other image tests have a zero block every third block, so their runs are short).
 */
class FailoverLongRunsTest {
    static final int BS = 32 << 10;

    @TempDir
    Path tmp;

    @Test
    void longRunsOfBlocksAcrossGroupsAndWritesComeBackByteForByte() {
        byte[] image = Fixtures.random(23, 600 * BS + 1000); // three groups, a short last block
        Fixtures.Cut cut = Fixtures.cutImage(image, BS, SourceKind.IMAGE);
        Path target = tmp.resolve("restored.img");
        try (Repository repo = Repository.open(new LocalBackend(tmp.resolve("repo")), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "db-1", cut);
            RestoreResult r = new Failover(repo, RestoreListener.NONE).run("db-1", "latest", target, FailoverOptions.DEFAULT);
            assertThat(r.blocksVerified()).isEqualTo(601);
            assertThat(r.bytesWritten()).isEqualTo(image.length);
        }
        assertThat(FileWriter.groups(cut.manifest().entries().get(0).blocks())).hasSize(3);
        assertThat(target).hasBinaryContent(image);
    }
}
