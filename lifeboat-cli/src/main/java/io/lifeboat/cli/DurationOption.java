package io.lifeboat.cli;

import io.lifeboat.tls.LifeboatException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/** Reads durations as users type them: "90s", "30m", "24h", "7d" (also ISO-8601 "PT24H"). */
public final class DurationOption implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*([smhd])");

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (LifeboatException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "'" + value + "' is not a duration: use for example 90s, 30m, 24h or 7d");
        }
    }
}
