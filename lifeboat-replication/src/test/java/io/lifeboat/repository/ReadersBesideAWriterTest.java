package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} and {@code failover} run over and over, read-only, while another process commits,
 * repacks and prunes the same repository: they never report damage that is not there, and once the
 * readers are gone the packs they held back are deleted.
 */
class ReadersBesideAWriterTest {
    @TempDir
    Path dir;

    @TempDir
    Path restores;

    @Test
    void verifyAndFailoverBesideCommitsThatRepackAndPrune() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int versions = 60;
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitPruneWorker.class.getName(), dir.toString(), String.valueOf(versions))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicInteger committed = new AtomicInteger(-1);
        Thread follow = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        committed.set(Integer.parseInt(line.substring(10)));
                    }
                }
            } catch (java.io.IOException e) {
                // the worker is gone
            }
        });
        follow.start();
        int rounds = 0;
        try {
            while (committed.get() < 1) {
                Thread.onSpinWait();
                Thread.sleep(10);
            }
            while (committed.get() < versions && p.isAlive()) {
                try (Repository ro = Repository.open(new LocalBackend(dir), RepositoryOptions.readOnlyDefaults())) {
                    VerifyReport report = ro.verify(Optional.empty());
                    assertThat(report.damaged()).as("verify in round " + rounds).isEmpty();
                    Path target = restores.resolve("r" + rounds + ".img");
                    new Failover(ro, RestoreListener.NONE).run("m", "latest", target, new FailoverOptions(true, false));
                    assertThat(Files.size(target)).isEqualTo(64L * KillNineWorker.BS);
                    Files.delete(target);
                }
                rounds++;
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the worker finished").isTrue();
            assertThat(p.exitValue()).as("the worker's exit").isZero();
        } finally {
            p.destroyForcibly();
            follow.join(10_000);
        }
        assertThat(rounds).as("readers ran beside the writer").isGreaterThan(2);
        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withKeepNewest(2)
                .withPruneGrace(Duration.ZERO))) {
            PruneReport r = repo.prune(PruneRequest.byPolicy(false));
            assertThat(r.packsWaiting()).isZero();
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            long stored = 0;
            LocalBackend b = new LocalBackend(dir);
            for (String pack : b.list(FileType.DATA)) {
                stored += b.size(new Handle(FileType.DATA, pack)).orElse(0);
            }
            // two points of a 64-block image (a third zero) changing a quarter at a time, in packs up to
            // half dead: under 160 blocks; the 61 versions made about 1000
            assertThat(stored).as("packs held back for readers are deleted once they are gone")
                    .isLessThan(160L * KillNineWorker.BS);
        }
    }
}
