package io.lifeboat.agent.rpo;

import io.lifeboat.tls.LifeboatException;
import java.time.Duration;

/** When the next round starts, measured from the start of the last one; see the package note. Pure. */
public record RpoSchedule(Duration target) {

    public RpoSchedule {
        if (target == null || target.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--rpo must be at least 10s");
        }
    }

    /** The start-to-start interval after a round that took {@code lastRound}; zero means at once. */
    public Duration nextInterval(Duration lastRound) {
        Duration d = target.multipliedBy(9).dividedBy(10).minus(lastRound.dividedBy(2));
        return d.isNegative() ? Duration.ZERO : d;
    }
}
