package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stamp an image or file source is kept by: the rule that keeps it, and its file's codec. */
class SourceStampTest {
    @Test
    void theRuleComparesEveryFieldAndTheSettlingTheAgeAndThePoint() {
        long passStart = TimeUnit.SECONDS.toNanos(1_800_000_000L);
        long fullRead = TimeUnit.NANOSECONDS.toMillis(passStart);
        long settled = passStart - TimeUnit.SECONDS.toNanos(5);
        FileStamp s = new FileStamp(1 << 30, settled, settled, 42, 2049, 0644, 1000, 1000);
        SourceStamp recorded = new SourceStamp("/vm/disk.img", "p1", s, passStart, fullRead, null);
        Duration day = Duration.ofHours(24);
        long now = fullRead + 60_000;
        assertThat(recorded.keeps(s, "p1", now, day)).isTrue();

        List<FileStamp> oneFieldChanged = FileStampTest.eachFieldChanged(s);
        for (FileStamp changed : oneFieldChanged) {
            assertThat(recorded.keeps(changed, "p1", now, day)).as(changed.toString()).isFalse();
        }
        assertThat(recorded.keeps(null, "p1", now, day)).as("no stamp (no unix view)").isFalse();
        assertThat(recorded.keeps(s, "p2", now, day)).as("the records name another point").isFalse();
        assertThat(recorded.keeps(s, null, now, day)).as("no records").isFalse();
        assertThat(recorded.keeps(s, "p1", fullRead + day.toMillis(), day)).as("read a day ago").isFalse();
        assertThat(recorded.keeps(s, "p1", fullRead - 1, day)).as("a clock set back").isFalse();
        assertThat(recorded.keeps(s, "p1", now, Duration.ZERO)).as("--reread-after 0s").isFalse();

        long withinTick = passStart - TimeUnit.MILLISECONDS.toNanos(300);
        FileStamp racy = new FileStamp(s.size(), settled, withinTick, s.inode(), s.device(), s.mode(), s.uid(), s.gid());
        assertThat(new SourceStamp("/vm/disk.img", "p1", racy, passStart, fullRead, null).keeps(racy, "p1", now, day))
                .as("changed within a second of the pass that recorded it").isFalse();
    }

    @Test
    void theStampFileRoundTripsAndRefusesAnotherSource() throws Exception {
        FileStamp s = new FileStamp(123, 4, 5, 6, 7, 04755, 8, 9);
        SourceStamp stamp = new SourceStamp("/vm/a b.img", "p-1", s, 10, 11, "ab".repeat(32));
        byte[] bytes = SourceStampCodec.write(stamp);
        assertThat(SourceStampCodec.read(bytes, "/vm/a b.img")).isEqualTo(stamp);
        assertThatThrownBy(() -> SourceStampCodec.read(bytes, "/vm/other.img")).isInstanceOf(IOException.class)
                .hasMessageContaining("/vm/other.img");
        assertThatThrownBy(() -> SourceStampCodec.read(new byte[0], "/vm/a b.img")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SourceStampCodec.write(new SourceStamp("/vm/a\nb.img", "p", s, 1, 1, null)))
                .isInstanceOf(IllegalArgumentException.class);

        SourceStamp unknown = new SourceStamp("/vm/a b.img", "p-1", s, 10, 11, null);
        assertThat(new String(SourceStampCodec.write(unknown), java.nio.charset.StandardCharsets.UTF_8))
                .contains("manifest-sha256 -\n");
        assertThat(SourceStampCodec.read(SourceStampCodec.write(unknown), "/vm/a b.img")).isEqualTo(unknown);

        // format 1 (before the digest was kept) is read as a stamp without one
        String body1 = "lifeboat-source-stamp 1\nsource /vm/a b.img\npoint p-1\nstamp 123 4 5 6 7 4755 8 9\n"
                + "pass-start-ns 10\nfull-read-ms 11\n";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body1.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] format1 = (body1 + String.format("crc32c %08x\n", crc.getValue()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(SourceStampCodec.read(format1, "/vm/a b.img")).isEqualTo(unknown);

        // a digest that is not 64 hex digits is refused, with what it was
        String body2 = "lifeboat-source-stamp 2\nsource /vm/a b.img\npoint p-1\nstamp 123 4 5 6 7 4755 8 9\n"
                + "pass-start-ns 10\nfull-read-ms 11\nmanifest-sha256 abc\n";
        crc.reset();
        crc.update(body2.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] badDigest = (body2 + String.format("crc32c %08x\n", crc.getValue()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SourceStampCodec.read(badDigest, "/vm/a b.img")).isInstanceOf(IOException.class)
                .hasMessageContaining("\"abc\"");
    }
}
