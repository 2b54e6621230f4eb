package io.lifeboat.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest extends BackendContractTest {
    @TempDir
    Path dir;

    @Override
    protected Backend newBackend() {
        return new LocalBackend(dir.resolve("repo"));
    }

    @Override
    protected Backend reopen() {
        return new LocalBackend(dir.resolve("repo"));
    }

    @Test
    void fansDataOutAndLeavesNoTemporaries() throws Exception {
        LocalBackend local = (LocalBackend) backend;
        local.create(new Handle(FileType.DATA, "3fa9"), new byte[] {1});
        assertThat(dir.resolve("repo/data/3f/3fa9")).exists();
        try (var files = Files.list(dir.resolve("repo/data/3f"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("3fa9");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("repo/data/3f/3fa9"))))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("repo/data"))))
                .isEqualTo("rwx------");
    }

    @Test
    void removesTemporariesOfAnInterruptedCreate() throws Exception {
        LocalBackend local = (LocalBackend) backend;
        local.create(new Handle(FileType.INDEX, "real"), new byte[] {1});
        Path stale = dir.resolve("repo/index/.tmp-crashed");
        Files.write(stale, new byte[] {1, 2});
        assertThat(local.list(FileType.INDEX)).containsExactly("real");
        local.removeTemporaries();
        assertThat(stale).doesNotExist();
        assertThat(dir.resolve("repo/index/real")).exists();
    }
}
