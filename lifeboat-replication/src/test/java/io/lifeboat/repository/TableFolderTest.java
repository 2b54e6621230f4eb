package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Fixtures.Cut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the block tables go: a folder that cannot hold them is named, and a reader still opens. */
class TableFolderTest {
    @TempDir
    Path dir;

    @Test
    void aWriterRefusesATableFolderItCannotUseNamingItAndHoldsNoLock() throws Exception {
        Path notAFolder = Files.createFile(dir.resolve("cache"));
        RepositoryOptions bad = RepositoryOptions.defaults().withTableDir(notAFolder);
        assertThatThrownBy(() -> Repository.openLocal(dir.resolve("repo"), bad))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("block table").hasMessageContaining(notAFolder.toString());
        // the failed open took no lock: the next writer opens
        try (Repository repo = Repository.openLocal(dir.resolve("repo"), RepositoryOptions.defaults().withTableDir(dir.resolve("ok")))) {
            assertThat(repo.points(Optional.empty())).isEmpty();
        }
    }

    @Test
    void aReaderThatCannotUseTheTableFolderUsesTheTemporaryOne() throws Exception {
        Cut cut = Fixtures.cutImage(Fixtures.random(3, 16 * 4096), 4096, SourceKind.IMAGE);
        try (Repository repo = Repository.openLocal(dir.resolve("repo"), RepositoryOptions.defaults().withTableDir(dir.resolve("ok")))) {
            Fixtures.protect(repo, "m", cut);
        }
        Path notAFolder = Files.createFile(dir.resolve("cache"));
        try (Repository repo = Repository.openLocal(dir.resolve("repo"), RepositoryOptions.readOnlyDefaults().withTableDir(notAFolder))) {
            assertThat(repo.points(Optional.of("m"))).hasSize(1);
            for (BlockId id : cut.uploads().keySet()) {
                assertThat(BlockId.of(repo.readBlock("m", id))).isEqualTo(id);
            }
        }
    }
}
