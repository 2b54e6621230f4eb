package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last-point record's file form: read back exactly, and every damage refused with its reason. */
class LastPointCodecTest {
    static final LastPoint RECORD = new LastPoint("/srv/www", "20261206T081500Z-8fb5d14b", 32768, 1_764_000_000_000L, List.of(
            new LastPoint.Item(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of()), 0, null),
            new LastPoint.Item(new Entry("a.bin", EntryType.FILE, 0644, 2, 70000, null, List.of()), 3,
                    new FileStamp(70000, 2, 3, 123456789L, 65024, 0644, 1000, 1000)),
            new LastPoint.Item(new Entry("l", EntryType.SYMLINK, 0777, 4, 0, "a.bin", List.of()), 0, null)));

    static byte[] bytes(LastPoint r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LastPointCodec.write(r, out);
        return out.toByteArray();
    }

    static LastPoint read(byte[] b, String source, int blockSize) throws IOException {
        return LastPointCodec.read(new ByteArrayInputStream(b), b.length, source, blockSize);
    }

    @Test
    void aRecordIsReadBackAsWritten() throws IOException {
        assertThat(read(bytes(RECORD), "/srv/www", 32768)).isEqualTo(RECORD);
    }

    @Test
    void everyFlippedByteAndEveryCutIsRefused() throws IOException {
        byte[] good = bytes(RECORD);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            int at = i;
            assertThatThrownBy(() -> read(bad, "/srv/www", 32768)).as("byte %d flipped", at).isInstanceOf(IOException.class);
        }
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> read(cut, "/srv/www", 32768)).isInstanceOf(IOException.class);
        }
        // a byte after the base is the start of a segment torn by a crash: dropped, the base is the record
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThat(read(longer, "/srv/www", 32768)).isEqualTo(read(good, "/srv/www", 32768));
        // a whole frame that fails its checksum with bytes after it is damage, not a torn tail
        byte[] frame = RecordSegments.frame(new byte[] {1, 2, 3});
        frame[5] ^= 1;
        byte[] damaged = java.nio.ByteBuffer.allocate(good.length + frame.length + 9).put(good).put(frame).array();
        assertThatThrownBy(() -> read(damaged, "/srv/www", 32768)).hasMessageContaining("trailing bytes")
                .hasMessageContaining("segment 1 at byte " + good.length + " fails its checksum");
    }

    @Test
    void aRecordOfAnotherSourceOrBlockSizeIsRefused() throws IOException {
        byte[] good = bytes(RECORD);
        assertThatThrownBy(() -> read(good, "/srv/other", 32768)).hasMessageContaining("not of /srv/other");
        assertThatThrownBy(() -> read(good, "/srv/www", 65536)).hasMessageContaining("at 65536");
    }
}
