package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.RetentionPlan.Decision;
import io.lifeboat.repository.RetentionPlan.Verdict;
import io.lifeboat.tls.LifeboatException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The selection of points, as a pure function: points + policy + lock period + now. */
class RetentionPlanTest {
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z"); // a Monday

    static PointInfo point(String machine, String source, Instant created) {
        return new PointInfo(Repository.uniqueName(created), machine, created, source, SourceKind.IMAGE, 0, 0,
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash-consistent");
    }

    /** One point of {@code source} every {@code step}, {@code n} of them, the first at T0. */
    static List<PointInfo> series(String machine, String source, int n, Duration step) {
        List<PointInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(point(machine, source, T0.plus(step.multipliedBy(i))));
        }
        return out;
    }

    static Map<Verdict, List<PointInfo>> byVerdict(List<Decision> ds) {
        return ds.stream().collect(Collectors.groupingBy(Decision::verdict,
                Collectors.mapping(Decision::point, Collectors.toList())));
    }

    static List<Decision> decide(List<PointInfo> points, RetentionPolicy p, Duration lock, Instant now) {
        return RetentionPlan.decide(points, m -> p, lock, now);
    }

    @Test
    void pointsAreJudgedPerSourceSoEveryPathKeepsItsNewest() {
        List<PointInfo> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            points.add(point("m", "/data/path-" + i, T0.plusSeconds(i)));
        }
        List<Decision> ds = decide(points, RetentionPolicy.keepLast(1), Duration.ZERO, T0.plus(Duration.ofDays(60)));
        assertThat(ds).hasSize(30).allMatch(d -> d.verdict() == Verdict.KEEP);
        assertThat(ds).allMatch(d -> d.reasons().contains("newest of its source"));
    }

    @Test
    void keepLastKeepsTheNewestNOfEachSource() {
        List<PointInfo> a = series("m", "/a", 5, Duration.ofHours(1));
        List<PointInfo> b = series("m", "/b", 3, Duration.ofHours(1));
        List<PointInfo> all = new ArrayList<>(a);
        all.addAll(b);
        Map<Verdict, List<PointInfo>> v = byVerdict(decide(all, RetentionPolicy.keepLast(2), Duration.ZERO,
                T0.plus(Duration.ofDays(30))));
        assertThat(v.get(Verdict.KEEP)).containsExactlyInAnyOrder(a.get(4), a.get(3), b.get(2), b.get(1));
        assertThat(v.get(Verdict.DROP)).containsExactlyInAnyOrder(a.get(0), a.get(1), a.get(2), b.get(0));
    }

    @Test
    void aPointTheNewestGroupPointNamesIsKeptWhateverThePolicySays() {
        List<PointInfo> a = series("m", "/a", 5, Duration.ofHours(1));
        PointInfo member = a.get(1);
        List<Decision> ds = RetentionPlan.decide(a, m -> RetentionPolicy.keepLast(1), Duration.ZERO,
                T0.plus(Duration.ofDays(30)), Map.of("m/" + member.id(), "newest group point of shop (7)"));
        Map<Verdict, List<PointInfo>> v = byVerdict(ds);
        assertThat(v.get(Verdict.KEEP)).containsExactlyInAnyOrder(a.get(4), member);
        assertThat(v.get(Verdict.DROP)).containsExactlyInAnyOrder(a.get(0), a.get(2), a.get(3));
        assertThat(ds.stream().filter(d -> d.point().equals(member)).findFirst().orElseThrow().reasons())
                .containsExactly("newest group point of shop (7)");
    }

    @Test
    void machinesWithTheSameSourceAreSeparate() {
        List<PointInfo> all = new ArrayList<>(series("a", "/srv", 3, Duration.ofHours(1)));
        all.addAll(series("b", "/srv", 3, Duration.ofHours(1)));
        List<Decision> ds = decide(all, RetentionPolicy.keepLast(1), Duration.ZERO, T0.plus(Duration.ofDays(30)));
        assertThat(ds.stream().filter(d -> d.verdict() == Verdict.KEEP).map(d -> d.point().machine()))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theDefaultKeepsEverythingOfADayThenHourlyThenDaily() {
        // one point every 10 minutes for 20 days
        List<PointInfo> points = series("m", "/disk", 20 * 24 * 6, Duration.ofMinutes(10));
        Instant newest = points.get(points.size() - 1).created();
        Instant now = newest.plusSeconds(1);
        List<Decision> ds = decide(points, RetentionPolicy.DEFAULT, Duration.ZERO, now);
        List<PointInfo> kept = ds.stream().filter(d -> d.verdict() == Verdict.KEEP).map(Decision::point).toList();
        // every point of the last 24 h
        long lastDay = points.stream().filter(p -> !p.created().isBefore(newest.minus(Duration.ofHours(24)))).count();
        assertThat(kept.stream().filter(p -> !p.created().isBefore(newest.minus(Duration.ofHours(24))))).hasSize((int) lastDay);
        // between 24 h and 3 days back: one per hour (the newest of each hour)
        List<PointInfo> hourly = kept.stream().filter(p -> p.created().isBefore(newest.minus(Duration.ofHours(24)))
                && !p.created().isBefore(newest.minus(Duration.ofDays(3)))).toList();
        assertThat(hourly).hasSize(48).allMatch(p -> p.created().atZone(java.time.ZoneOffset.UTC).getMinute() == 50);
        // older: one per day back to 15 days (the last point of each day, 23:50)
        List<PointInfo> daily = kept.stream().filter(p -> p.created().isBefore(newest.minus(Duration.ofDays(3)))).toList();
        assertThat(daily).allMatch(p -> p.created().atZone(java.time.ZoneOffset.UTC).getHour() == 23
                && p.created().atZone(java.time.ZoneOffset.UTC).getMinute() == 50);
        assertThat(daily).allMatch(p -> !p.created().isBefore(newest.minus(Duration.ofDays(15))));
        assertThat(daily).hasSize(12);
        // and nothing older than 15 days survives
        assertThat(byVerdict(ds).get(Verdict.DROP)).allMatch(p -> p.created().isBefore(newest.minus(Duration.ofHours(24))));
    }

    @Test
    void withinIsCountedFromTheNewestPointSoAMachineThatStoppedKeepsItsLastDay() {
        List<PointInfo> points = series("m", "/disk", 48, Duration.ofMinutes(30));
        Instant muchLater = T0.plus(Duration.ofDays(300));
        List<Decision> ds = decide(points, new RetentionPolicy(0, 0, 0, 0, Duration.ofHours(12), Duration.ZERO,
                Duration.ZERO, Duration.ZERO), Duration.ZERO, muchLater);
        assertThat(byVerdict(ds).get(Verdict.KEEP)).hasSize(25); // 12 h of half-hours, both ends included
    }

    @Test
    void bucketCountsKeepTheNewestPointOfEachOfTheNewestBuckets() {
        List<PointInfo> points = series("m", "/disk", 10 * 24, Duration.ofHours(1)); // 10 days, hourly
        Instant now = T0.plus(Duration.ofDays(30));
        List<PointInfo> daily = byVerdict(decide(points, new RetentionPolicy(0, 0, 3, 0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO), Duration.ZERO, now)).get(Verdict.KEEP);
        assertThat(daily).extracting(p -> p.created().toString())
                .containsExactly("2026-03-11T23:00:00Z", "2026-03-10T23:00:00Z", "2026-03-09T23:00:00Z");
        List<PointInfo> hourly = byVerdict(decide(points, new RetentionPolicy(0, 5, 0, 0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO), Duration.ZERO, now)).get(Verdict.KEEP);
        assertThat(hourly).hasSize(5);
        List<PointInfo> weekly = byVerdict(decide(points, new RetentionPolicy(0, 0, 0, 2, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO), Duration.ZERO, now)).get(Verdict.KEEP);
        // T0 is a Monday: days 0-6 are one ISO week, 7-9 the next; the newest of each is kept
        assertThat(weekly).extracting(p -> p.created().toString())
                .containsExactly("2026-03-11T23:00:00Z", "2026-03-08T23:00:00Z");
    }

    @Test
    void noPointYoungerThanTheLockPeriodIsDroppedWhateverThePolicy() {
        // 50 points in a minute: the policy keeps one, the lock period holds the rest
        List<PointInfo> points = series("m", "/disk", 50, Duration.ofMillis(1200));
        Instant now = T0.plus(Duration.ofMinutes(1));
        Map<Verdict, List<PointInfo>> v = byVerdict(decide(points, RetentionPolicy.keepLast(1), Duration.ofHours(24), now));
        assertThat(v.get(Verdict.KEEP)).hasSize(1);
        assertThat(v.get(Verdict.HELD)).hasSize(49);
        assertThat(v).doesNotContainKey(Verdict.DROP);
        // a day and a bit later the lock has run out for all of them
        Map<Verdict, List<PointInfo>> later = byVerdict(decide(points, RetentionPolicy.keepLast(1), Duration.ofHours(24),
                T0.plus(Duration.ofHours(25))));
        assertThat(later.get(Verdict.DROP)).hasSize(49);
    }

    @Test
    void theLockPeriodEndsExactlyWhenItSays() {
        List<PointInfo> points = series("m", "/disk", 2, Duration.ofHours(1));
        Duration lock = Duration.ofHours(24);
        Instant justBefore = points.get(0).created().plus(lock).minusMillis(1);
        assertThat(byVerdict(decide(points, RetentionPolicy.keepLast(1), lock, justBefore)).get(Verdict.HELD)).hasSize(1);
        Instant atTheEnd = points.get(0).created().plus(lock);
        assertThat(byVerdict(decide(points, RetentionPolicy.keepLast(1), lock, atTheEnd)).get(Verdict.DROP)).hasSize(1);
    }

    @Test
    void reasonsNameTheRulesThatKeptAPoint() {
        List<PointInfo> points = series("m", "/disk", 3, Duration.ofHours(1));
        List<Decision> ds = decide(points, new RetentionPolicy(2, 0, 1, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO), Duration.ZERO, T0.plus(Duration.ofDays(9)));
        assertThat(ds.get(0).reasons()).containsExactly("newest of its source", "keep-last 2", "keep-daily (2026-03-02)");
        assertThat(ds.get(1).reasons()).containsExactly("keep-last 2");
        assertThat(ds.get(2).verdict()).isEqualTo(Verdict.DROP);
        assertThat(ds.get(2).reasons()).isEmpty();
    }

    @Test
    void perMachinePoliciesApply() {
        List<PointInfo> all = new ArrayList<>(series("a", "/srv", 4, Duration.ofHours(1)));
        all.addAll(series("b", "/srv", 4, Duration.ofHours(1)));
        StoragePolicy policy = new StoragePolicy(RetentionPolicy.keepLast(1), Map.of("b", RetentionPolicy.keepLast(3)),
                Duration.ZERO, 0);
        List<Decision> ds = RetentionPlan.decide(all, policy::retentionOf, Duration.ZERO, T0.plus(Duration.ofDays(9)));
        assertThat(ds.stream().filter(d -> d.verdict() == Verdict.KEEP && d.point().machine().equals("a"))).hasSize(1);
        assertThat(ds.stream().filter(d -> d.verdict() == Verdict.KEEP && d.point().machine().equals("b"))).hasSize(3);
    }

    @Test
    void badPoliciesAreUsageErrors() {
        assertThatThrownBy(() -> RetentionPolicy.keepLast(0)).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("keep-last must be at least 1");
        assertThatThrownBy(() -> new RetentionPolicy(-1, 0, 0, 0, null, null, null, null))
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> new StoragePolicy(RetentionPolicy.DEFAULT, Map.of(), Duration.ofHours(-1), 0))
                .hasMessageContaining("lock period cannot be negative");
        assertThatThrownBy(() -> new RetentionPolicy(1, 0, 0, 0, Duration.ofDays(40_000), null, null, null))
                .hasMessageContaining("keep-within is longer than a century");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999d", "--keep-within"))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("999999999d", "lockPeriod")).hasMessageContaining("longer than a century");
        assertThat(RetentionPolicy.DEFAULT.describe())
                .isEqualTo("keep-within 24h, keep-within-hourly 3d, keep-within-daily 15d");
    }

    @Test
    void thePolicyFileRoundTripsAndNamesWhatIsWrong() {
        StoragePolicy p = StoragePolicy.DEFAULT.withMachine("web-1", RetentionPolicy.keepLast(7))
                .withLockPeriod(Duration.ofHours(36)).withFreeSpaceReserve(5 << 20);
        assertThat(StoragePolicyCodec.fromJson(StoragePolicyCodec.toJson(p), "policy.json")).isEqualTo(p);
        assertThat(StoragePolicyCodec.fromJson("{}".getBytes(), "policy.json")).isEqualTo(StoragePolicy.DEFAULT);
        assertThatThrownBy(() -> StoragePolicyCodec.fromJson("{\"lockPeriod\":\"soon\"}".getBytes(), "V/policy.json"))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("V/policy.json")
                .hasMessageContaining("lockPeriod");
        assertThatThrownBy(() -> StoragePolicyCodec.fromJson("{\"machines\":{\"../x\":{}}}".getBytes(), "V/policy.json"))
                .hasMessageContaining("bad machine name");
    }
}
