package io.lifeboat.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void plainOutputPrintsOneLinePerTenPercent() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false, "protect",
                1000, ProgressBar.Unit.BYTES, now::get)) {
            for (int i = 1; i <= 1000; i++) {
                now.addAndGet(1_000_000);
                bar.update(i);
            }
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(10);
        assertThat(lines[9]).contains("100%").contains("1000 B/1000 B");
    }

    @Test
    void lineShowsRateAndEta() {
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), true, "x", 4096,
                ProgressBar.Unit.BYTES, now::get);
        now.set(1_000_000_000L);
        bar.update(1024);
        assertThat(bar.line(now.get())).contains(" 25% ").contains("1.0 KiB/4.0 KiB").contains("1.0 KiB/s")
                .contains("ETA 0:03");
    }

    @Test
    void bytesAreHumanReadable() {
        assertThat(ProgressBar.bytes(512)).isEqualTo("512 B");
        assertThat(ProgressBar.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressBar.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }

    @Test
    void aLineAboveATerminalBarClearsTheBarAndTheBarIsDrawnAgainAtOnce() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), true, "failover", 4096,
                ProgressBar.Unit.BYTES, now::get);
        bar.update(1024);
        buf.reset();
        bar.lineAbove("warning: the disk is odd");
        bar.update(2048); // within the redraw interval: drawn anyway, the line above wiped it
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .startsWith("\r\033[2Kwarning: the disk is odd" + System.lineSeparator() + "\rfailover [")
                .contains(" 50% ");
    }

    @Test
    void aLineAbovePlainOutputIsJustALine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false, "failover", 4096,
                ProgressBar.Unit.BYTES, () -> 0L);
        bar.lineAbove("warning: the disk is odd");
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("warning: the disk is odd" + System.lineSeparator());
    }
}
