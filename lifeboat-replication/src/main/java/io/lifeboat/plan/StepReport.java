package io.lifeboat.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of a plan run as the report lists it: a group's or a failover's script, a failover, or
 * a pause.
 *
 * @param name    where it is in the plan: {@code GROUP/pre-script}, {@code GROUP/MACHINE[:SOURCE]},
 *                {@code GROUP/MACHINE[:SOURCE]/post-script}, {@code GROUP/pause}
 * @param target  a failover's target (the scratch target under {@code --test}); null otherwise
 * @param point   the point a failover used; null otherwise (or when it could not be chosen)
 * @param detail  a pause's text, a script's command; for a failure, what went wrong
 */
public record StepReport(String name, Kind kind, String group, String machine, String target, String point,
        Status status, long bytesRestored, long bytesFetched, long bytesWritten, Instant started, Instant finished,
        String detail) {
    /** What a step is. */
    public enum Kind {
        SCRIPT, FAILOVER, PAUSE
    }

    /** How it ended. */
    public enum Status {
        /** done (a pause: confirmed by a person) */
        OK,
        /** it failed; the plan stopped after the group's running steps finished */
        FAILED,
        /** a pause passed over by {@code --yes} */
        SKIPPED,
        /** a pause at which the person chose to stop (or standard input ended) */
        STOPPED
    }

    public double seconds() {
        return Duration.between(started, finished).toNanos() / 1e9;
    }

    static StepReport of(String name, Kind kind, String group, Instant started, Status status, String detail) {
        return new StepReport(name, kind, group, null, null, null, status, 0, 0, 0, started, Instant.now(), detail);
    }
}
