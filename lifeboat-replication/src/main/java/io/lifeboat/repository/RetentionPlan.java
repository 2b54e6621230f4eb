package io.lifeboat.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which recovery points retention keeps: a pure function of the points, the policy, the lock period
 * and the time, so it is tested without a repository. Points are judged per (machine, source): a
 * machine that protects thirty paths keeps points of every one of them.
 *
 * <p>Per source, newest first: the newest point is always kept; every rule of the
 * {@link RetentionPolicy} then marks the points it keeps (restic's {@code forget} semantics: in a
 * bucket rule the newest point of each bucket counts). A point no rule keeps is dropped, unless it is
 * younger than the lock period: then it is held, and retention leaves it alone whatever the policy
 * says and however many points a machine sends.
 */
public final class RetentionPlan {
    /** What happens to a point. */
    public enum Verdict {
        /** a rule of the policy keeps it */
        KEEP,
        /** the policy would drop it, but it is younger than the lock period: kept */
        HELD,
        /** deleted by retention */
        DROP
    }

    /** One point's verdict with the rules that decided it (empty for DROP). */
    public record Decision(PointInfo point, Verdict verdict, List<String> reasons) {
        public Decision {
            reasons = List.copyOf(reasons);
        }
    }

    private static final Comparator<PointInfo> NEWEST_FIRST =
            Comparator.comparing(PointInfo::created).thenComparing(PointInfo::id).reversed();

    private RetentionPlan() {
    }

    /**
     * Decisions for every point, grouped per (machine, source), each group newest first; groups in
     * machine then source order.
     */
    public static List<Decision> decide(Collection<PointInfo> points, Function<String, RetentionPolicy> policyOf,
            Duration lockPeriod, Instant now) {
        return decide(points, policyOf, lockPeriod, now, Map.of());
    }

    /**
     * As {@link #decide(Collection, Function, Duration, Instant)}, and every point in {@code pinned}
     * (keyed {@code "machine/pointId"}, with the reason: the newest complete group point of a
     * consistency group names it) is kept whatever the policy says.
     */
    public static List<Decision> decide(Collection<PointInfo> points, Function<String, RetentionPolicy> policyOf,
            Duration lockPeriod, Instant now, Map<String, String> pinned) {
        Map<List<String>, List<PointInfo>> bySource = new LinkedHashMap<>();
        points.stream().sorted(Comparator.comparing(PointInfo::machine).thenComparing(PointInfo::source))
                .forEach(p -> bySource.computeIfAbsent(List.of(p.machine(), p.source()), k -> new ArrayList<>()).add(p));
        List<Decision> out = new ArrayList<>();
        for (List<PointInfo> group : bySource.values()) {
            out.addAll(decideSource(group, policyOf.apply(group.get(0).machine()), lockPeriod, now, pinned));
        }
        return out;
    }

    /** Decisions for the points of one source (any order in, newest first out). */
    static List<Decision> decideSource(List<PointInfo> points, RetentionPolicy p, Duration lockPeriod, Instant now) {
        return decideSource(points, p, lockPeriod, now, Map.of());
    }

    static List<Decision> decideSource(List<PointInfo> points, RetentionPolicy p, Duration lockPeriod, Instant now,
            Map<String, String> pinned) {
        List<PointInfo> sorted = new ArrayList<>(points);
        sorted.sort(NEWEST_FIRST);
        List<List<String>> reasons = new ArrayList<>();
        sorted.forEach(x -> reasons.add(new ArrayList<>()));
        if (sorted.isEmpty()) {
            return List.of();
        }
        reasons.get(0).add("newest of its source");
        Instant newest = sorted.get(0).created();
        for (int i = 0; i < sorted.size() && i < p.keepLast(); i++) {
            reasons.get(i).add("keep-last " + p.keepLast());
        }
        for (Bucket b : Bucket.values()) {
            byCount(sorted, reasons, b, b.count(p));
            byWithin(sorted, reasons, b, b.within(p), newest);
        }
        if (!p.keepWithin().isZero()) {
            Instant from = newest.minus(p.keepWithin());
            for (int i = 0; i < sorted.size(); i++) {
                if (!sorted.get(i).created().isBefore(from)) {
                    reasons.get(i).add("keep-within " + Durations.format(p.keepWithin()));
                }
            }
        }
        for (int i = 0; i < sorted.size(); i++) {
            String pin = pinned.get(sorted.get(i).machine() + "/" + sorted.get(i).id());
            if (pin != null) {
                reasons.get(i).add(pin);
            }
        }
        Instant lockedFrom = now.minus(lockPeriod);
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            PointInfo x = sorted.get(i);
            if (!reasons.get(i).isEmpty()) {
                out.add(new Decision(x, Verdict.KEEP, reasons.get(i)));
            } else if (x.created().isAfter(lockedFrom)) {
                out.add(new Decision(x, Verdict.HELD, List.of("lock period " + Durations.format(lockPeriod)
                        + " (until " + x.created().plus(lockPeriod).truncatedTo(ChronoUnit.SECONDS) + ")")));
            } else {
                out.add(new Decision(x, Verdict.DROP, List.of()));
            }
        }
        return out;
    }

    /** The newest point of each of the newest {@code n} buckets that have points. */
    private static void byCount(List<PointInfo> newestFirst, List<List<String>> reasons, Bucket b, int n) {
        String last = null;
        for (int i = 0; i < newestFirst.size() && n > 0; i++) {
            String key = b.key(newestFirst.get(i).created());
            if (!key.equals(last)) {
                reasons.get(i).add(b.countRule + " (" + key + ")");
                last = key;
                n--;
            }
        }
    }

    /** The newest point of each bucket, for points within {@code d} of the newest. */
    private static void byWithin(List<PointInfo> newestFirst, List<List<String>> reasons, Bucket b, Duration d,
            Instant newest) {
        if (d.isZero()) {
            return;
        }
        Instant from = newest.minus(d);
        String last = null;
        for (int i = 0; i < newestFirst.size() && !newestFirst.get(i).created().isBefore(from); i++) {
            String key = b.key(newestFirst.get(i).created());
            if (!key.equals(last)) {
                reasons.get(i).add(b.withinRule + " " + Durations.format(d) + " (" + key + ")");
                last = key;
            }
        }
    }

    /** Calendar buckets, in UTC. */
    private enum Bucket {
        HOUR("keep-hourly", "keep-within-hourly"),
        DAY("keep-daily", "keep-within-daily"),
        WEEK("keep-weekly", "keep-within-weekly");

        final String countRule;
        final String withinRule;

        Bucket(String countRule, String withinRule) {
            this.countRule = countRule;
            this.withinRule = withinRule;
        }

        int count(RetentionPolicy p) {
            return switch (this) {
                case HOUR -> p.keepHourly();
                case DAY -> p.keepDaily();
                case WEEK -> p.keepWeekly();
            };
        }

        Duration within(RetentionPolicy p) {
            return switch (this) {
                case HOUR -> p.keepWithinHourly();
                case DAY -> p.keepWithinDaily();
                case WEEK -> p.keepWithinWeekly();
            };
        }

        String key(Instant t) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            return switch (this) {
                case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toLocalDateTime().toString().substring(0, 13);
                case DAY -> z.toLocalDate().toString();
                case WEEK -> z.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            };
        }
    }
}
