package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retention run whose plan drops no point skips the sweep once the machine has been swept in this
 * process: blocks of an upload never committed stay (more on disk, never less) until a run drops a
 * point, and a reopened vault's first run sweeps whatever a run before the restart skipped.
 */
class RetentionSkipTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    Repository open() {
        return Repository.open(new LocalBackend(dir.resolve("repo")), RepositoryOptions.defaults().withKeepNewest(2)
                .withClock(clock).withPruneGrace(Duration.ofHours(1)).withTableDir(dir.resolve("tables")));
    }

    PointInfo protect(Repository repo, int seed) {
        clock.advance(Duration.ofMinutes(1));
        return Fixtures.protect(repo, "m", Fixtures.cutImage(Fixtures.image(seed, 8, BS), BS, SourceKind.IMAGE));
    }

    /** Blocks uploaded for {@code m} and never named by a point (an upload cut short), then left past the grace period. */
    Set<BlockId> orphans(Repository repo) {
        List<BlockUpload> ups = new ArrayList<>(Fixtures.cutImage(Fixtures.random(99, 6 * BS), BS, SourceKind.IMAGE)
                .uploads().values());
        repo.putBlocks("m", ups);
        clock.advance(Duration.ofHours(2));
        return ups.stream().map(BlockUpload::id).collect(Collectors.toSet());
    }

    @Test
    void aRunThatDropsNothingLeavesUncommittedBlocksUntilOneDropsAPoint() {
        try (Repository repo = open()) {
            protect(repo, 1); // the machine's first run sweeps
            Set<BlockId> orphans = orphans(repo);
            protect(repo, 2); // keeps both points: nothing dropped, no sweep
            assertThat(repo.missing("m", orphans)).as("still stored and owned").isEmpty();
            assertThat(repo.points(Optional.of("m"))).hasSize(2);
            clock.advance(Duration.ofHours(2)); // past the grace of the confirmation that `missing` just gave
            protect(repo, 3); // drops the first point: the sweep runs and finds the orphans too
            assertThat(repo.points(Optional.of("m"))).hasSize(2);
            assertThat(repo.missing("m", orphans)).as("released by the sweep").isEqualTo(orphans);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aReopenedVaultsFirstRunSweepsWhatARunBeforeSkipped() {
        Set<BlockId> orphans;
        try (Repository repo = open()) {
            protect(repo, 1);
            orphans = orphans(repo);
            protect(repo, 2); // skipped: the orphans stay
            assertThat(repo.missing("m", orphans)).isEmpty();
        }
        try (Repository repo = Repository.open(new LocalBackend(dir.resolve("repo")), RepositoryOptions.defaults()
                .withKeepNewest(3).withClock(clock).withPruneGrace(Duration.ofHours(1)).withTableDir(dir.resolve("tables")))) {
            clock.advance(Duration.ofHours(2));
            protect(repo, 4); // keep 3: nothing dropped, but the first run of this process sweeps
            assertThat(repo.points(Optional.of("m"))).hasSize(3);
            assertThat(repo.missing("m", orphans)).as("released by the first run after the reopen").isEqualTo(orphans);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }
}
