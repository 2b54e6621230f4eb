package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder failed back in place: files that match stay (the same inode, metadata corrected), files
 * that differ get only their changed blocks, missing ones are written, paths the point lacks are
 * listed and removed only with deleteExtra; the folder is read back and ends identical to the point.
 */
class FailoverTreeInPlaceTest {
    static final int BS = FailoverTreeTest.BS;

    @TempDir
    Path tmp;

    RestoreResult failover(Path repoDir, Path target, FailoverOptions options) {
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.readOnlyDefaults())) {
            return new Failover(repo, null).run("files-1", "latest", target, options);
        }
    }

    @Test
    void onlyTheDifferencesAreFetchedAndExtrasAreListedThenRemovedOnRequest() throws Exception {
        Path source = FailoverTreeTest.makeTree(tmp.resolve("source"));
        List<String> expected = FailoverTreeTest.describe(source);
        Path repoDir = tmp.resolve("vault/repo");
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "files-1", Fixtures.cutTree(source, BS));
        }
        Path target = tmp.resolve("old");
        failover(repoDir, target, FailoverOptions.DEFAULT);

        // the old side drifts: one block of a file changes, a file goes, a mode and a link change, extras appear
        try (RandomAccessFile f = new RandomAccessFile(target.resolve("a/b/c/deep.bin").toFile(), "rw")) {
            f.seek(BS + 5);
            f.write(Fixtures.random(9, 100));
        }
        Files.delete(target.resolve("a/.hidden"));
        Files.setPosixFilePermissions(target.resolve("-rf"), PosixFilePermissions.fromString("rw-------"));
        Files.delete(target.resolve("link to deep"));
        Files.createSymbolicLink(target.resolve("link to deep"), target.getFileSystem().getPath("elsewhere"));
        Files.writeString(target.resolve("extra.txt"), "made on the old side\n");
        Files.createDirectories(target.resolve("new dir"));
        Files.writeString(target.resolve("new dir/x"), "x\n");
        Object inode = Files.getAttribute(target.resolve("my file with spaces.txt"), "unix:ino");

        RestoreResult r = failover(repoDir, target, new FailoverOptions(false, true));
        assertThat(r.inPlace()).isTrue();
        assertThat(r.checkedAfterWrite()).isTrue();
        assertThat(r.blocksVerified()).as("the changed block of deep.bin and the missing .hidden").isEqualTo(2);
        assertThat(r.extra()).containsExactly("extra.txt", "new dir/");
        assertThat(Files.getAttribute(target.resolve("my file with spaces.txt"), "unix:ino")).isEqualTo(inode);
        assertThat(target.resolve("extra.txt")).exists();
        assertThat(tmp.resolve("old" + IncompleteMarker.SUFFIX)).doesNotExist();

        RestoreResult again = failover(repoDir, target, new FailoverOptions(false, true, true));
        assertThat(again.blocksVerified()).isZero();
        assertThat(again.bytesWritten()).isZero();
        assertThat(again.extra()).containsExactly("extra.txt", "new dir/");
        assertThat(FailoverTreeTest.describe(target)).isEqualTo(expected);
    }

    @Test
    void aFreshTreeCutOffMidwayIsMarkedAndARerunFinishesIt() throws Exception {
        Path source = FailoverTreeTest.makeTree(tmp.resolve("source"));
        List<String> expected = FailoverTreeTest.describe(source);
        Path repoDir = tmp.resolve("vault/repo");
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "files-1", Fixtures.cutTree(source, BS));
        }
        Path target = tmp.resolve("fresh");
        Path marker = tmp.resolve("fresh" + IncompleteMarker.SUFFIX);
        RestoreListener crash = new RestoreListener() {
            @Override
            public void entry(String path) {
                if (path.equals("my file with spaces.txt")) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.readOnlyDefaults())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Failover(repo, crash)
                    .run("files-1", "latest", target, FailoverOptions.DEFAULT)).hasMessage("simulated crash");
        }
        assertThat(marker).exists();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failover(repoDir, target, FailoverOptions.DEFAULT))
                .hasMessageContaining("is incomplete").hasMessageContaining("--force");
        RestoreResult r = failover(repoDir, target, new FailoverOptions(false, true));
        assertThat(r.inPlace()).isTrue();
        assertThat(r.finishedIncomplete()).startsWith("machine files-1 point ");
        assertThat(FailoverTreeTest.describe(target)).isEqualTo(expected);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aFreshTreeWrittenWholeLeavesNoMarker() throws Exception {
        Path source = FailoverTreeTest.makeTree(tmp.resolve("source"));
        Path repoDir = tmp.resolve("vault/repo");
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "files-1", Fixtures.cutTree(source, BS));
        }
        failover(repoDir, tmp.resolve("whole"), FailoverOptions.DEFAULT);
        assertThat(tmp.resolve("whole" + IncompleteMarker.SUFFIX)).doesNotExist();
        assertThat(tmp.resolve("whole")).isDirectory();
    }
}
