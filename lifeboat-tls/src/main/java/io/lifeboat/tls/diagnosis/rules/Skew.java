package io.lifeboat.tls.diagnosis.rules;

import java.time.Duration;

/** Durations in words, for clock-skew evidence. */
final class Skew {
    private Skew() {
    }

    static String human(Duration d) {
        long s = Math.abs(d.toSeconds());
        if (s >= 2 * 86_400) {
            return (s / 86_400) + " days";
        }
        if (s >= 2 * 3_600) {
            return (s / 3_600) + " hours";
        }
        if (s >= 120) {
            return (s / 60) + " minutes";
        }
        return s + " seconds";
    }
}
