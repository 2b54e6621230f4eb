package io.lifeboat.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder sync that fails is thrown once the file system has shown it syncs folders; before that, it is its refusal. */
class LocalFoldersTest {
    @TempDir
    Path dir;

    @Test
    void aFileSystemThatSyncsFoldersSyncsThem() throws IOException {
        LocalFolders folders = new LocalFolders(dir, LocalFolders.FILE_SYSTEM);
        folders.create(dir.resolve("a/b"));
        folders.sync(dir.resolve("a/b"));
        assertThat(dir.resolve("a/b")).isDirectory();
        assertThat(folders.refused()).isFalse();
    }

    @Test
    void aFirstSyncThatFailsIsTheFileSystemsRefusalAndIsNotTriedAgainForAMinute() throws IOException {
        AtomicInteger tries = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        LocalFolders folders = new LocalFolders(dir, folder -> {
            tries.incrementAndGet();
            throw new IOException("Invalid argument");
        }, now::get);
        folders.sync(dir);
        folders.sync(dir);
        folders.create(dir.resolve("x/y"));
        assertThat(folders.refused()).isTrue();
        assertThat(tries).hasValue(1);
        assertThat(dir.resolve("x/y")).isDirectory();

        now.addAndGet(LocalFolders.RETRY_NANOS);
        folders.sync(dir);
        folders.sync(dir);
        assertThat(tries).as("tried again once, a minute on").hasValue(2);
        assertThat(folders.refused()).isTrue();
    }

    @Test
    void aRefusalThatPassesTurnsFolderSyncsBackOnAndTheirFailuresAreThrownAgain() throws IOException {
        AtomicBoolean failing = new AtomicBoolean(true);
        AtomicLong now = new AtomicLong();
        LocalFolders folders = new LocalFolders(dir, folder -> {
            if (failing.get()) {
                throw new IOException("No space left on device");
            }
        }, now::get);
        folders.sync(dir); // a full disk at the first sync: taken for a refusal
        assertThat(folders.refused()).isTrue();

        failing.set(false);
        now.addAndGet(LocalFolders.RETRY_NANOS);
        folders.sync(dir);
        assertThat(folders.refused()).isFalse();

        failing.set(true);
        assertThatThrownBy(() -> folders.sync(dir.resolve("points")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no space left on the device");
    }

    @Test
    void aFailureAfterFolderSyncsWorkedIsThrownNamingTheFolder() throws IOException {
        AtomicBoolean failing = new AtomicBoolean();
        LocalFolders folders = new LocalFolders(dir, folder -> {
            if (failing.get()) {
                throw new IOException("Input/output error");
            }
        });
        folders.sync(dir);
        failing.set(true);
        assertThatThrownBy(() -> folders.sync(dir.resolve("index")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("index").toString())
                .hasMessageContaining("Input/output error");
        assertThat(folders.refused()).isFalse();
    }

    @Test
    void aCreateAndAPublishFailWhenTheirFolderCannotBeSynced() throws IOException {
        AtomicBoolean failing = new AtomicBoolean();
        LocalBackend backend = new LocalBackend(dir.resolve("repo"), false, folder -> {
            if (failing.get()) {
                throw new IOException("Input/output error");
            }
        });
        assertThat(backend.create(new Handle(FileType.INDEX, "first"), new byte[] {1})).isTrue();
        failing.set(true);

        assertThatThrownBy(() -> backend.create(new Handle(FileType.INDEX, "second"), new byte[] {2}))
                .hasMessageContaining("cannot write")
                .hasMessageContaining("cannot sync the folder");
        Backend.Staged staged = backend.stage(new Handle(FileType.INDEX, "third"), "point".getBytes(StandardCharsets.UTF_8), 0, 5);
        assertThatThrownBy(() -> backend.publish(List.of(staged)))
                .hasMessageContaining("cannot sync the folder");

        // what was durable before stays readable
        assertThat(Files.readAllBytes(backend.path(new Handle(FileType.INDEX, "first")))).containsExactly(1);
    }
}
