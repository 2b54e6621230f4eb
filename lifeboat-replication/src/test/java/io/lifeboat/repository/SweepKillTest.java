package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault killed (SIGKILL) in the middle of a bounded sweep, between the compaction of the ownership
 * records and the deletion of the pack they no longer name: the committed point is whole, and the
 * first sweep of the restarted vault walks every indexed block, so the pack the killed one left is
 * freed though no block of it is released again.
 */
class SweepKillTest {
    @TempDir
    Path dir;

    static void failover(Path repoDir, Path target, byte[] expected) throws Exception {
        try (Repository repo = Repository.open(new ReadOnlyBackend(new LocalBackend(repoDir)),
                RepositoryOptions.readOnlyDefaults().withOnlyMachines(List.of("m")))) {
            new Failover(repo, RestoreListener.NONE).run("m", "latest", target, FailoverOptions.DEFAULT);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(expected);
    }

    static byte[] image(int v) {
        return Fixtures.random(500 + v, 8 * SweepKillWorker.BS);
    }

    @Test
    void aKillInABoundedSweepLeavesAPackTheRestartedVaultsFirstSweepFrees() throws Exception {
        Path repoDir = dir.resolve("repo");
        List<String> lines = KilledWorker.runUntil(SweepKillWorker.class, l -> l.startsWith("hanging "), repoDir.toString());
        String last = lines.get(lines.size() - 1);
        assertThat(last).as("the worker's output:\n%s", String.join("\n", lines)).startsWith("hanging ");
        Path left = new LocalBackend(repoDir).path(new Handle(FileType.DATA, last.substring("hanging ".length())));
        assertThat(left).as("the freed pack, not yet deleted").exists();

        // the third point was durable before its retention began (the commit never returned): it is whole
        failover(repoDir, dir.resolve("v2.img"), image(2));
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults().withKeepNewest(1)
                .withPruneGrace(Duration.ZERO))) {
            assertThat(repo.points(Optional.of("m"))).as("the second point was deleted before the kill").hasSize(1);
            Thread.sleep(20);
            Fixtures.protect(repo, "m", SweepKillWorker.version(3)); // drops point 2: releases none of the left pack's blocks
            assertThat(left).as("freed by the restarted vault's first sweep").doesNotExist();
            PruneReport whole = repo.prune(PruneRequest.byPolicy(false));
            assertThat(whole.packsDeleted() + whole.packsRepacked()).as("nothing left for a whole walk").isZero();
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        failover(repoDir, dir.resolve("v3.img"), image(3));
    }
}
