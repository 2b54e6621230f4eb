package io.lifeboat.vault.ops;

import io.lifeboat.tls.LifeboatException;
import java.time.Duration;

/**
 * When a source's RPO (the age of its newest point) turns {@code warning} and {@code critical}.
 * The warning threshold is also the RPO target shown beside the RPO now.
 */
public record RpoThresholds(Duration warning, Duration critical) {
    public static final RpoThresholds DEFAULT = new RpoThresholds(Duration.ofMinutes(15), Duration.ofMinutes(30));

    /** @throws LifeboatException USAGE unless 0 &lt; warning &lt; critical (never clamped) */
    public RpoThresholds {
        if (warning == null || critical == null || warning.isNegative() || warning.isZero()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "the RPO warning threshold must be positive");
        }
        if (critical.compareTo(warning) <= 0) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "the RPO critical threshold (" + critical
                    + ") must be longer than the warning threshold (" + warning + ")");
        }
    }

    public Health judge(Duration rpo) {
        if (rpo.compareTo(critical) >= 0) {
            return Health.CRITICAL;
        }
        return rpo.compareTo(warning) >= 0 ? Health.WARNING : Health.OK;
    }
}
