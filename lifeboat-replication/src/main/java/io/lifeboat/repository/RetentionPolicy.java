package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which recovery points of one source to keep, in the words of restic's {@code forget}. A point is
 * kept when any rule keeps it; the newest point of a source is always kept. "Within" durations count
 * back from the source's newest point (not from now), so a machine that stops sending keeps its last
 * points instead of ageing them all out. Buckets (hour, day, ISO week) are in UTC; in each bucket the
 * newest point is the one kept. What is never deleted regardless of policy is the lock period's job
 * ({@link StoragePolicy#lockPeriod()}), not this record's.
 *
 * @param keepLast         the newest N points
 * @param keepHourly       the newest point of each of the newest N hours that have points
 * @param keepDaily        the same per day
 * @param keepWeekly       the same per ISO week
 * @param keepWithin       every point within this duration of the newest
 * @param keepWithinHourly one point per hour within this duration of the newest
 * @param keepWithinDaily  one point per day within this duration of the newest
 * @param keepWithinWeekly one point per week within this duration of the newest
 */
public record RetentionPolicy(int keepLast, int keepHourly, int keepDaily, int keepWeekly, Duration keepWithin,
        Duration keepWithinHourly, Duration keepWithinDaily, Duration keepWithinWeekly) {

    /**
     * Site recovery practice: every point of the last 24 hours, then one an hour for 3 days, then one
     * a day for 15 days.
     */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(0, 0, 0, 0, Duration.ofHours(24),
            Duration.ofDays(3), Duration.ofDays(15), Duration.ZERO);

    public RetentionPolicy {
        if (keepLast < 0 || keepHourly < 0 || keepDaily < 0 || keepWeekly < 0) {
            throw new LifeboatException(Kind.USAGE, "retention counts cannot be negative: keep-last " + keepLast
                    + ", keep-hourly " + keepHourly + ", keep-daily " + keepDaily + ", keep-weekly " + keepWeekly);
        }
        keepWithin = Durations.check(keepWithin, "keep-within");
        keepWithinHourly = Durations.check(keepWithinHourly, "keep-within-hourly");
        keepWithinDaily = Durations.check(keepWithinDaily, "keep-within-daily");
        keepWithinWeekly = Durations.check(keepWithinWeekly, "keep-within-weekly");
    }

    /** Only the newest {@code n} points (tests, and the old fixed count). */
    public static RetentionPolicy keepLast(int n) {
        if (n < 1) {
            throw new LifeboatException(Kind.USAGE, "keep-last must be at least 1: " + n);
        }
        return new RetentionPolicy(n, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The rules in force, as a user would type them ("keep-within 24h, keep-within-daily 15d"). */
    public String describe() {
        List<String> out = new ArrayList<>();
        count(out, "keep-last", keepLast);
        count(out, "keep-hourly", keepHourly);
        count(out, "keep-daily", keepDaily);
        count(out, "keep-weekly", keepWeekly);
        within(out, "keep-within", keepWithin);
        within(out, "keep-within-hourly", keepWithinHourly);
        within(out, "keep-within-daily", keepWithinDaily);
        within(out, "keep-within-weekly", keepWithinWeekly);
        return out.isEmpty() ? "keep only the newest point of each source" : String.join(", ", out);
    }

    private static void count(List<String> out, String name, int n) {
        if (n > 0) {
            out.add(name + " " + n);
        }
    }

    private static void within(List<String> out, String name, Duration d) {
        if (!d.isZero()) {
            out.add(name + " " + Durations.format(d));
        }
    }
}
