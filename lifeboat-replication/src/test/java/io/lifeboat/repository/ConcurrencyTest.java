package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several machines protect at once through one repository while retention prunes. */
class ConcurrencyTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    @Test
    void machinesProtectingAtOnceStayConsistent() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RepositoryOptions options = RepositoryOptions.defaults().withKeepNewest(2).withPackTargetBytes(8 * BS)
                .withClock(clock).withPruneGrace(Duration.ofMinutes(30));
        byte[] common = Fixtures.random(99, 8 * BS); // every machine's image starts with the same blocks
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Repository repo = Repository.open(new LocalBackend(dir), options)) {
            List<Future<List<Cut>>> jobs = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                String machine = "m" + m;
                int seed = m;
                jobs.add(pool.submit(() -> {
                    List<Cut> cuts = new ArrayList<>();
                    for (int v = 0; v < 4; v++) {
                        byte[] img = new byte[24 * BS];
                        System.arraycopy(common, 0, img, 0, common.length);
                        System.arraycopy(Fixtures.random(seed * 100 + v, 16 * BS), 0, img, 8 * BS, 16 * BS);
                        Cut cut = Fixtures.cutImage(img, BS, SourceKind.IMAGE);
                        Fixtures.protect(repo, machine, cut);
                        cuts.add(cut);
                        clock.advance(Duration.ofMinutes(20));
                    }
                    return cuts;
                }));
            }
            for (int m = 0; m < 4; m++) {
                List<Cut> cuts = jobs.get(m).get(60, TimeUnit.SECONDS);
                String machine = "m" + m;
                assertThat(repo.points(Optional.of(machine))).hasSize(2);
                Manifest latest = repo.manifest(machine, "latest");
                assertThat(latest).isEqualTo(cuts.get(cuts.size() - 1).manifest());
                for (BlockId id : Verifier.blocksOf(latest)) {
                    assertThat(BlockId.of(repo.readBlock(machine, id))).isEqualTo(id);
                }
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        try (Repository repo = Repository.open(new LocalBackend(dir), options)) {
            assertThat(repo.points(Optional.empty())).hasSize(8);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }
}
