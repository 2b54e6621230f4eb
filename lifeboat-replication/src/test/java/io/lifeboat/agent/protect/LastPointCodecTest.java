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

    /** Where {@code path}'s type byte is in {@code b}: just after the path's UTF. */
    private static int typeByteOf(byte[] b, String path) {
        byte[] utf = ("\0" + (char) path.length() + path).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i + utf.length < b.length; i++) {
            if (Arrays.equals(b, i, i + utf.length, utf, 0, utf.length)) {
                return i + utf.length;
            }
        }
        throw new AssertionError(path + " not found");
    }

    @Test
    void aBadItemIsNamedByItsPlaceInTheBaseOrItsSegment() throws IOException {
        byte[] base = bytes(RECORD);
        base[typeByteOf(base, "l")] = 9;
        assertThatThrownBy(() -> read(base, "/srv/www", 32768)).hasMessageContaining("item 2 (l): unknown entry type 9");
        // the next point changed "a.bin" and added "m": placed items 0 and 1 of the segment
        LastPoint next = new LastPoint("/srv/www", "p2", 32768, 1_764_000_000_000L, List.of(RECORD.items().get(0),
                new LastPoint.Item(new Entry("a.bin", EntryType.FILE, 0644, 5, 70001, null, List.of()), 3, null),
                RECORD.items().get(2),
                new LastPoint.Item(new Entry("m", EntryType.FILE, 0600, 6, 1, null, List.of()), 1, null)));
        byte[] body = LastPointCodec.segment(RECORD, next);
        body[typeByteOf(body, "m")] = 9;
        byte[] appended = java.nio.ByteBuffer.allocate(base.length + RecordSegments.FRAME_BYTES + body.length)
                .put(bytes(RECORD)).put(RecordSegments.frame(body)).array();
        assertThatThrownBy(() -> read(appended, "/srv/www", 32768))
                .hasMessageContaining("segment 1's item 1 (m): unknown entry type 9");
    }
}
