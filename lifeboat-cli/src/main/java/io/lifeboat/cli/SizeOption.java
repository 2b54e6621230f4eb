package io.lifeboat.cli;

import io.lifeboat.tls.LifeboatException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/** Reads sizes as users type them: "1073741824", "512MiB", "1GiB", "2G" (powers of 1024). */
public final class SizeOption implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

    @Override
    public Long convert(String value) {
        try {
            return parse(value);
        } catch (LifeboatException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    public static long parse(String value) {
        Matcher m = SIZE.matcher(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(3) != null && m.group(3).equals("ib") && m.group(2).isEmpty())) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "'" + value + "' is not a size: use for example 1073741824, 512MiB or 1GiB");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "'" + value + "' is too large");
        }
        return n << shift;
    }

    /** Bytes as "1 GiB", "512 MiB", "3 KiB" or "17 B" (the largest unit that states it exactly). */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (u < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + " " + units[u];
    }
}
