package io.lifeboat.repository.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.MutableClock;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.PruneRequest;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention never deletes a point that the newest complete group point names, even when the
 * policy keeps only the newest point and newer points of that source (outside any group point) exist.
 */
class GroupRetentionTest {
    static final int BS = 32 << 10;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

    @Test
    void theNewestGroupPointsMembersSurviveRetentionAndPrune() throws java.io.IOException {
        LocalBackend backend = new LocalBackend(dir);
        GroupStore groups = GroupStore.on(backend);
        groups.define(new GroupDefinition("shop", List.of(GroupMember.parse("app"), GroupMember.parse("db")),
                Duration.ofMinutes(5), clock.instant()));
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults().withKeepNewest(1).withClock(clock)
                .withPruneGrace(Duration.ofMinutes(1)))) {
            groups.currentRound("shop", "app", clock.instant());
            clock.advance(Duration.ofSeconds(1));
            PointInfo app1 = protect(repo, "app", 1);
            PointInfo db1 = protect(repo, "db", 2);
            groups.record("shop", 1, "app", app1.source(), app1.id(), app1.created(), clock.instant());
            assertThat(groups.record("shop", 1, "db", db1.source(), db1.id(), db1.created(), clock.instant()).complete()).isTrue();
            // app goes on alone for hours: each commit runs retention with keep-last 1
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofHours(1));
                protect(repo, "app", 10 + i);
            }
            List<PointInfo> apps = repo.points(Optional.of("app"));
            assertThat(apps).extracting(PointInfo::id).contains(app1.id()).hasSize(2);
            // an operator's prune that names the point keeps it too: the group point must stay whole
            repo.prune(new PruneRequest(Optional.of("app"), java.util.Set.of(app1.id()), true, false));
            assertThat(repo.points(Optional.of("app"))).extracting(PointInfo::id).contains(app1.id());
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            // once a newer group point forms, the old one's members are no longer pinned
            groups.currentRound("shop", "db", clock.instant());
            clock.advance(Duration.ofSeconds(1));
            PointInfo app2 = protect(repo, "app", 20);
            PointInfo db2 = protect(repo, "db", 21);
            groups.record("shop", 2, "app", app2.source(), app2.id(), app2.created(), clock.instant());
            groups.record("shop", 2, "db", db2.source(), db2.id(), db2.created(), clock.instant());
            clock.advance(Duration.ofHours(1));
            protect(repo, "app", 30);
            assertThat(repo.points(Optional.of("app"))).extracting(PointInfo::id).doesNotContain(app1.id()).contains(app2.id());
            // round 1's group point lost a member: no failover can use it, so its files went with it
            assertThat(groups.points("shop", clock.instant())).extracting(GroupPoint::round).containsExactly(2L);
            assertThat(backend.list(io.lifeboat.repository.backend.FileType.GROUPS)).noneMatch(n -> n.contains("0000000001"));
        }
    }

    private static PointInfo protect(Repository repo, String machine, long seed) {
        Fixtures.Cut cut = Fixtures.cutImage(Fixtures.random(seed, 4 * BS), BS, SourceKind.IMAGE);
        return Fixtures.protect(repo, machine, cut);
    }
}
