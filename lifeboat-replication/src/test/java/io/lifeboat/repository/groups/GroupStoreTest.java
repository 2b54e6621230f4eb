package io.lifeboat.repository.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.repository.groups.GroupRefusedException.Code;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group rules on a store of their own: rounds, records, group points, timeouts, refusals. */
class GroupStoreTest {
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    final MemoryBackend backend = new MemoryBackend();
    final GroupStore groups = GroupStore.on(backend);

    void define(Duration timeout, String... members) {
        groups.define(new GroupDefinition("shop", java.util.Arrays.stream(members).map(GroupMember::parse).toList(),
                timeout, T0));
    }

    @Test
    void aRoundWithEveryMemberBecomesAGroupPoint() {
        define(Duration.ofMinutes(10), "app", "db:/dev/sdb");
        GroupRound r = groups.currentRound("shop", "app", T0);
        assertThat(r.round()).isEqualTo(1);
        assertThat(groups.currentRound("shop", "db", T0.plusSeconds(5))).isEqualTo(r);
        var first = groups.record("shop", 1, "app", "/srv/app.img", "p-app", T0.plusSeconds(20), T0.plusSeconds(21));
        assertThat(first.complete()).isFalse();
        assertThat(groups.points("shop", T0.plusSeconds(22)).get(0).status()).isEqualTo(GroupPoint.Status.OPEN);
        var second = groups.record("shop", 1, "db", "/dev/sdb", "p-db", T0.plusSeconds(30), T0.plusSeconds(31));
        assertThat(second.complete()).isTrue();
        GroupPoint gp = groups.point("shop", "latest", T0.plusSeconds(40));
        assertThat(gp.round()).isEqualTo(1);
        assertThat(gp.members()).extracting(MemberPoint::member, MemberPoint::point)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app", "p-app"),
                        org.assertj.core.groups.Tuple.tuple("db:/dev/sdb", "p-db"));
        // the next request opens round 2, since round 1 is complete
        assertThat(groups.currentRound("shop", "app", T0.plusSeconds(60)).round()).isEqualTo(2);
        assertThat(groups.newestCompletePins()).containsOnlyKeys("app/p-app", "db/p-db");
    }

    @Test
    void aRoundThatTimesOutIsIncompleteAndLatestIsThePreviousGroupPoint() throws IOException {
        define(Duration.ofSeconds(30), "app", "db");
        groups.currentRound("shop", "app", T0);
        groups.record("shop", 1, "app", "/a", "a1", T0.plusSeconds(1), T0.plusSeconds(2));
        groups.record("shop", 1, "db", "/d", "d1", T0.plusSeconds(1), T0.plusSeconds(3));
        assertThat(groups.currentRound("shop", "app", T0.plusSeconds(100)).round()).isEqualTo(2);
        groups.record("shop", 2, "app", "/a", "a2", T0.plusSeconds(101), T0.plusSeconds(102));
        // db stopped: past the deadline, the round no longer takes its point
        assertThatThrownBy(() -> groups.record("shop", 2, "db", "/d", "d2", T0.plusSeconds(101), T0.plusSeconds(140)))
                .isInstanceOfSatisfying(GroupRefusedException.class, e -> assertThat(e.code()).isEqualTo(Code.ROUND_TIMED_OUT));
        List<GroupPoint> all = groups.points("shop", T0.plusSeconds(140));
        assertThat(all).extracting(GroupPoint::status).containsExactly(GroupPoint.Status.COMPLETE, GroupPoint.Status.INCOMPLETE);
        assertThat(all.get(1).missing()).containsExactly("db");
        assertThat(groups.point("shop", "latest", T0.plusSeconds(140)).round()).isEqualTo(1);
        assertThatThrownBy(() -> groups.point("shop", "2", T0.plusSeconds(140))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("round 2 of group shop is incomplete (missing db)");
        // the next round marks round 2 incomplete in the store
        assertThat(groups.currentRound("shop", "db", T0.plusSeconds(200)).round()).isEqualTo(3);
        assertThat(backend.list(FileType.GROUPS)).contains("shop/incomplete-0000000002.json");
        assertThat(groups.newestCompletePins()).containsOnlyKeys("app/a1", "db/d1");
    }

    @Test
    void refusesWhatCannotBelongToTheRound() {
        define(Duration.ofMinutes(10), "app", "db");
        assertThatThrownBy(() -> groups.currentRound("shop", "mail", T0))
                .isInstanceOfSatisfying(GroupRefusedException.class, e -> assertThat(e.code()).isEqualTo(Code.NOT_A_MEMBER));
        assertThatThrownBy(() -> groups.currentRound("nope", "app", T0)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("vault group set nope");
        groups.currentRound("shop", "app", T0.plusSeconds(10));
        assertThatThrownBy(() -> groups.record("shop", 1, "app", "/a", "old", T0, T0.plusSeconds(11)))
                .isInstanceOfSatisfying(GroupRefusedException.class, e -> assertThat(e.code()).isEqualTo(Code.POINT_BEFORE_ROUND));
        assertThatThrownBy(() -> groups.record("shop", 7, "app", "/a", "p", T0.plusSeconds(12), T0.plusSeconds(12)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no round 7");
        groups.record("shop", 1, "app", "/a", "p1", T0.plusSeconds(12), T0.plusSeconds(12));
        // recorded again: the first record stands
        var again = groups.record("shop", 1, "app", "/a", "p2", T0.plusSeconds(13), T0.plusSeconds(13));
        assertThat(again.alreadyRecorded()).isTrue();
        assertThat(again.member().point()).isEqualTo("p1");
        // a member named by machine alone takes one source per round
        assertThatThrownBy(() -> groups.record("shop", 1, "app", "/b", "p3", T0.plusSeconds(14), T0.plusSeconds(14)))
                .isInstanceOfSatisfying(GroupRefusedException.class, e -> assertThat(e.code()).isEqualTo(Code.SOURCE_MISMATCH));
    }

    @Test
    void twoVaultProcessesOnOneStoreOpenOneRound() {
        define(Duration.ofMinutes(10), "app", "db");
        GroupStore other = GroupStore.on(backend);
        GroupRound a = groups.currentRound("shop", "app", T0);
        GroupRound b = other.currentRound("shop", "db", T0.plusMillis(1));
        assertThat(b.round()).isEqualTo(a.round());
        groups.record("shop", 1, "app", "/a", "a1", T0.plusSeconds(1), T0.plusSeconds(1));
        assertThat(other.record("shop", 1, "db", "/d", "d1", T0.plusSeconds(1), T0.plusSeconds(2)).complete()).isTrue();
    }

    @Test
    void membersRecordingAtTheSameMomentStillFormTheGroupPoint() throws Exception {
        String[] machines = {"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"};
        for (int attempt = 0; attempt < 20; attempt++) {
            String group = "g" + attempt;
            groups.define(new GroupDefinition(group, java.util.Arrays.stream(machines).map(GroupMember::parse).toList(),
                    Duration.ofMinutes(10), T0));
            groups.currentRound(group, "m0", T0);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(machines.length);
            List<Thread> threads = new java.util.ArrayList<>();
            for (String m : machines) {
                Thread t = new Thread(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    GroupStore.on(backend).record(group, 1, m, "/s", m + "-p", T0.plusSeconds(1), T0.plusSeconds(2));
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(groups.points(group, T0.plusSeconds(3)).get(0).status()).as(group).isEqualTo(GroupPoint.Status.COMPLETE);
        }
    }

    @Test
    void roundsOlderThanTheNewestGroupPointThatNoFailoverCanUseArePruned() throws IOException {
        define(Duration.ofSeconds(30), "app", "db");
        Instant t = T0;
        for (long r = 1; r <= 4; r++) {
            groups.currentRound("shop", "app", t);
            groups.record("shop", r, "app", "/a", "a" + r, t.plusSeconds(1), t.plusSeconds(2));
            if (r != 2) { // round 2: db missed it
                groups.record("shop", r, "db", "/d", "d" + r, t.plusSeconds(1), t.plusSeconds(3));
            }
            t = t.plusSeconds(100);
        }
        groups.currentRound("shop", "app", t); // round 5, open
        // a1 is gone (retention dropped it); a3, d3 and the rest stand
        int removed = groups.pruneRounds((machine, point) -> !point.equals("a1"));
        assertThat(removed).isEqualTo(2); // round 1 (a member gone) and round 2 (incomplete)
        assertThat(groups.points("shop", t)).extracting(GroupPoint::round).containsExactly(3L, 4L, 5L);
        assertThat(backend.list(FileType.GROUPS)).noneMatch(n -> n.contains("0000000001") || n.contains("0000000002"));
        assertThat(groups.currentRound("shop", "db", t.plusSeconds(1)).round()).isEqualTo(5);
        assertThat(groups.pruneRounds((machine, point) -> true)).isZero();
    }

    @Test
    void incompleteRoundsSinceTheNewestGroupPointStayWhileTheirPointsDo() throws IOException {
        define(Duration.ofSeconds(30), "app", "db");
        Instant t = T0;
        for (long r = 1; r <= 3; r++) {
            groups.currentRound("shop", "app", t);
            groups.record("shop", r, "app", "/a", "a" + r, t.plusSeconds(1), t.plusSeconds(2));
            if (r == 1) {
                groups.record("shop", r, "db", "/d", "d" + r, t.plusSeconds(1), t.plusSeconds(3));
            }
            t = t.plusSeconds(100);
        }
        groups.currentRound("shop", "app", t); // round 4, open: the last round is always kept
        assertThat(groups.pruneRounds((machine, point) -> !point.equals("a2"))).isEqualTo(1);
        assertThat(groups.points("shop", t)).extracting(GroupPoint::round, GroupPoint::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, GroupPoint.Status.COMPLETE),
                org.assertj.core.groups.Tuple.tuple(3L, GroupPoint.Status.INCOMPLETE),
                org.assertj.core.groups.Tuple.tuple(4L, GroupPoint.Status.OPEN));
        assertThat(groups.pruneRounds((machine, point) -> true)).isZero();
        assertThat(groups.point("shop", "latest", t).round()).isEqualTo(1);
    }

    @Test
    void aNewDefinitionAppliesFromTheNextRound() {
        define(Duration.ofMinutes(10), "app");
        groups.currentRound("shop", "app", T0);
        groups.define(new GroupDefinition("shop", List.of(GroupMember.parse("app"), GroupMember.parse("db")),
                Duration.ofSeconds(5), T0.plusSeconds(1)));
        // round 1 waits only for app, as it was defined when it opened
        assertThat(groups.record("shop", 1, "app", "/a", "a1", T0.plusSeconds(2), T0.plusSeconds(2)).complete()).isTrue();
        GroupRound r2 = groups.currentRound("shop", "db", T0.plusSeconds(3));
        assertThat(r2.deadline()).isEqualTo(T0.plusSeconds(8));
        assertThat(groups.definition("shop").orElseThrow().members()).hasSize(2);
    }

    @Test
    void badDefinitionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new GroupDefinition("g", List.of(), Duration.ofMinutes(1), T0))
                .hasMessageContaining("has no member");
        assertThatThrownBy(() -> new GroupDefinition("g", List.of(GroupMember.parse("a"), GroupMember.parse("a:/x")),
                Duration.ofMinutes(1), T0)).hasMessageContaining("both alone and as a:/x");
        assertThatThrownBy(() -> new GroupDefinition("g", List.of(GroupMember.parse("a")), Duration.ZERO, T0))
                .hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> GroupMember.parse("bad/name")).hasMessageContaining("bad machine name");
        assertThatThrownBy(() -> groups.define(new GroupDefinition("no/slash", List.of(GroupMember.parse("a")),
                Duration.ofMinutes(1), T0))).hasMessageContaining("bad group name");
    }
}
