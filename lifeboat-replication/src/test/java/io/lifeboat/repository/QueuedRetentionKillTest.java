package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault killed (SIGKILL) after answering commits and before their queued retention ran: every
 * answered point is there and whole; the policy's extra points are all that is left over, and the
 * next commit's retention drops them.
 */
class QueuedRetentionKillTest {
    @TempDir
    Path dir;

    @Test
    void aKillBetweenTheAnswerAndRetentionLeavesOnlyExtraPointsTheNextRetentionDrops() throws Exception {
        List<String> lines = KilledWorker.runUntil(QueuedRetentionKillWorker.class, "done"::equals, dir.toString());
        List<String> answered = lines.stream().filter(l -> l.startsWith("committed ")).map(l -> l.split(" ")[2]).toList();
        assertThat(answered).as("the worker's output:\n%s", String.join("\n", lines)).hasSize(3);

        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withKeepNewest(1))) {
            // every answered point survived the kill, whole, though keep-newest 1 drops two of them
            assertThat(repo.points(Optional.of("m")).stream().map(PointInfo::id).toList())
                    .containsExactlyElementsOf(answered);
            for (String id : answered) {
                for (BlockId b : Verifier.blocksOf(repo.manifest("m", id))) {
                    assertThat(BlockId.of(repo.readBlock("m", b))).isEqualTo(b);
                }
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();

            Fixtures.Cut next = KillNineWorker.version(3);
            var missing = repo.missing("m", next.uploads().keySet());
            repo.putBlocks("m", next.uploads().values().stream().filter(u -> missing.contains(u.id())).toList());
            PointInfo last = repo.commitPoint("m", next.manifest(), Fixtures.META, RetentionTiming.QUEUED);
            assertThat(repo.awaitRetention(Duration.ofSeconds(30))).isTrue();
            assertThat(repo.points(Optional.of("m"))).containsExactly(last);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }
}
