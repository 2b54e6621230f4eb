package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process writing the repository is killed with SIGKILL in the middle of an upload; then the
 * folder is opened again: no partial point, every block of every committed point reads back (a
 * commit makes its blocks durable first: group commit), no damage, and the next protect completes.
 */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void aVaultKilledMidUploadLeavesAConsistentRepository() throws Exception {
        List<String> stored = new ArrayList<>();
        int[] commits = {0};
        int[] storedAfterSecondCommit = {0};
        KilledWorker.runUntil(KillNineWorker.class, line -> {
            if (line.startsWith("committed ")) {
                commits[0]++;
                stored.clear();
            } else if (line.startsWith("stored ")) {
                stored.add(line.substring(7));
                // mid-upload of the third version: the next batch is being written
                return commits[0] >= 2 && ++storedAfterSecondCommit[0] == 7;
            }
            return false;
        }, dir.toString());
        assertThat(commits[0]).as("the worker committed two points before the kill").isGreaterThanOrEqualTo(2);

        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withKeepNewest(2))) {
            List<PointInfo> points = repo.points(Optional.of("m"));
            assertThat(points).hasSizeBetween(2, 3);
            for (PointInfo info : points) {
                for (BlockId id : Verifier.blocksOf(repo.manifest("m", info.id()))) {
                    assertThat(BlockId.of(repo.readBlock("m", id))).isEqualTo(id);
                }
            }
            assertThat(repo.verify(Optional.empty()).damaged()).isEmpty();
            // group commit: blocks answered after the last commit were written behind, not yet made
            // durable; the kill may drop them (asked for again), but none may be kept damaged
            List<BlockId> acked = stored.stream().map(BlockId::new).toList();
            List<BlockId> kept = new ArrayList<>(acked);
            kept.removeAll(repo.missing("m", acked));
            for (BlockId id : kept) {
                assertThat(BlockId.of(repo.readBlock("m", id))).isEqualTo(id);
            }
            Cut next = KillNineWorker.version(commits[0]);
            PointInfo done = Fixtures.protect(repo, "m", next);
            assertThat(repo.point("m", "latest")).isEqualTo(done);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }
}
