package io.lifeboat.agent.protect;

import java.time.Duration;

/**
 * Exponential back-off while the vault is away: waits {@code initial}, then twice as long each
 * time up to {@code max}, and gives up once {@code giveUpAfter} has passed since the first failure
 * (the pass then fails with "vault unreachable"; the continuous mode tries again next interval).
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter) {
    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("retry policy needs 0 < initial <= max and giveUpAfter >= 0");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** The wait before retry number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        long millis = initial.toMillis();
        for (int i = 1; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
