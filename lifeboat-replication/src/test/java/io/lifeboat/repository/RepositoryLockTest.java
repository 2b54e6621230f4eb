package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-writer lock frees itself when its holder dies, wherever that holder ran. */
class RepositoryLockTest {
    @TempDir
    Path dir;

    Repository open() {
        return Repository.open(new LocalBackend(dir), RepositoryOptions.defaults());
    }

    void leaveRecord(String host, long pid) throws Exception {
        LocalBackend b = new LocalBackend(dir);
        b.create(new Handle(FileType.LOCKS, "0123456789abcdef0123456789abcdef"), RepositoryFiles.lock(
                new RepositoryFiles.Lock(host, pid, "0123456789abcdef0123456789abcdef", Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @Test
    void aLockOfADeadVaultOnAnotherHostNameDoesNotBlock() throws Exception {
        open().close();
        leaveRecord("vault-container-7f3a9c", 4242); // the vault's old container, gone
        try (Repository repo = open()) {
            assertThat(new LocalBackend(dir).list(FileType.LOCKS)).hasSize(1)
                    .doesNotContain("0123456789abcdef0123456789abcdef");
            assertThat(repo.points(Optional.empty())).isEmpty();
        }
        assertThat(new LocalBackend(dir).list(FileType.LOCKS)).isEmpty();
    }

    @Test
    void aLockWhosePidWasReusedAfterARebootDoesNotBlock() throws Exception {
        open().close();
        // this host, and a pid that is alive now (the process that started this test) but is not a vault
        leaveRecord(InetAddress.getLocalHost().getHostName(), ProcessHandle.current().parent().orElseThrow().pid());
        try (Repository repo = open()) {
            assertThat(repo.points(Optional.empty())).isEmpty();
        }
    }

    @Test
    void aLiveWriterInAnotherProcessIsNamedAndAKillFreesTheLock() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderWorker.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("locked "));
            assertThat(line).as("the holder took the lock").isNotNull();
            String pid = line.substring(7);
            assertThatThrownBy(this::open).isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("open for writing by process " + pid + " on ")
                    .hasMessageContaining("stop that vault first");
            // a reader is not blocked by the writer
            try (Repository ro = Repository.open(new LocalBackend(dir), RepositoryOptions.readOnlyDefaults())) {
                assertThat(ro.points(Optional.empty())).isEmpty();
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: the holder never removes its record
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(new LocalBackend(dir).list(FileType.LOCKS)).hasSize(1);
        try (Repository repo = open()) {
            assertThat(repo.points(Optional.empty())).isEmpty();
        }
    }
}
