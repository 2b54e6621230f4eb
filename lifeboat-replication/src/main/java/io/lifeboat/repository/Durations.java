package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the vault's policy file and messages write them: "0", "90s", "30m", "36h", "15d". */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})([smhd])");
    /** The longest duration a policy may name: a century (longer says "forever" and overflows times). */
    public static final Duration MAX = Duration.ofDays(36_500);

    private Durations() {
    }

    /** The largest whole unit that states {@code d} exactly (hours up to a day: "24h" rather than "1d"). */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0";
        }
        if (s % 86400 == 0 && s > 86400) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** @throws LifeboatException USAGE naming {@code what} when the text is not such a duration */
    public static Duration parse(String text, String what) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SIMPLE.matcher(v);
        if (!m.matches()) {
            throw new LifeboatException(Kind.USAGE, what + ": '" + text + "' is not a duration (use 0, 90s, 30m, 36h or 15d)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return check(d, what);
    }

    /**
     * {@code d}, when it is between 0 and {@link #MAX}; null counts as 0.
     *
     * @throws LifeboatException USAGE naming {@code what} otherwise
     */
    public static Duration check(Duration d, String what) {
        if (d == null) {
            return Duration.ZERO;
        }
        if (d.isNegative()) {
            throw new LifeboatException(Kind.USAGE, what + " cannot be negative: " + d);
        }
        if (d.compareTo(MAX) > 0) {
            throw new LifeboatException(Kind.USAGE, what + " is longer than a century: " + d);
        }
        return d;
    }
}
