package io.lifeboat.tls.diagnosis.rules;

import java.time.Duration;

/** Durations in words, for clock-skew evidence. */
final class Skew {
    private Skew() {
    }

    /** "the server's clock (HTTP Date) reads T: this machine is N hours behind", when known. */
    static java.util.Optional<String> serverClock(io.lifeboat.tls.diagnosis.ConnectionEvidence e) {
        if (e.serverClock() == null) {
            return java.util.Optional.empty();
        }
        Duration skew = Duration.between(e.localTime(), e.serverClock());
        if (Math.abs(skew.toSeconds()) < 60) {
            return java.util.Optional.of("the server's clock (HTTP Date) reads " + e.serverClock()
                    + ": this machine's clock agrees with it within a minute");
        }
        return java.util.Optional.of("the server's clock (HTTP Date) reads " + e.serverClock() + ": this machine is "
                + human(skew) + (skew.isNegative() ? " ahead" : " behind"));
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
