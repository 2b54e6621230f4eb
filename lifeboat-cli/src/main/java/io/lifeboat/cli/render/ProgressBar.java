package io.lifeboat.cli.render;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Renders the progress of one job on stderr: a redrawn bar (done/total, rate, ETA) on a terminal,
 * a plain line every 10% otherwise. Core modules report through their own listener interfaces;
 * commands adapt those to this class. Redraws are throttled, so calling {@link #update} per block is cheap.
 */
public final class ProgressBar implements AutoCloseable {
    /** How the amounts are printed. */
    public enum Unit { BYTES, ITEMS }

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final Unit unit;
    private final LongSupplier clock;
    private final long startNanos;
    private volatile long total;
    private long done;
    private long lastDrawNanos;
    private int lastDecile; // the 0% line is not worth printing
    private boolean closed;

    public ProgressBar(PrintStream out, boolean terminal, String label, long total, Unit unit) {
        this(out, terminal, label, total, unit, System::nanoTime);
    }

    ProgressBar(PrintStream out, boolean terminal, String label, long total, Unit unit, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    /** True when stderr is an interactive terminal (there is a console and TERM is not "dumb"). */
    public static boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    public synchronized void total(long newTotal) {
        total = newTotal;
    }

    public synchronized void update(long newDone) {
        done = newDone;
        long now = clock.getAsLong();
        if (terminal) {
            if (now - lastDrawNanos >= REDRAW_NANOS) {
                lastDrawNanos = now;
                out.print("\r" + line(now));
                out.flush();
            }
        } else if (total > 0) {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                out.println(line(now));
            }
        }
    }

    /**
     * Prints {@code text} as a line of its own: on a terminal the bar's line is cleared first and the bar
     * drawn again below it at the next update; in plain output it is just another line.
     */
    public synchronized void lineAbove(String text) {
        if (terminal) {
            out.print("\r\033[2K");
            lastDrawNanos = clock.getAsLong() - REDRAW_NANOS;
        }
        out.println(text);
        out.flush();
    }

    public synchronized void add(long delta) {
        update(done + delta);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long now = clock.getAsLong();
        if (terminal) {
            out.print("\r" + line(now) + System.lineSeparator());
        } else if (lastDecile < 10) {
            out.println(line(now));
        }
        out.flush();
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, done * 100 / total)));
        }
        sb.append(amount(done));
        if (total > 0) {
            sb.append('/').append(amount(total));
        }
        sb.append("  ").append(amount((long) rate)).append("/s");
        if (total > 0 && done > 0 && done < total) {
            sb.append("  ETA ").append(duration(Duration.ofSeconds((long) ((total - done) / rate))));
        }
        return sb.toString();
    }

    private String amount(long n) {
        if (unit == Unit.ITEMS) {
            return Long.toString(n);
        }
        return bytes(n);
    }

    /** 1536 -> "1.5 KiB". */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
