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

    /**
     * A record and one segment as the agent before session 16 wrote them (its objects per item):
     * held as bytes, so the columns it is read into now must give the same record, and write the
     * same bytes back.
     */
    private static final String OLDER_AGENTS_RECORD =
            "4c424c41535450310000800000082f7372762f777777000270310000019ab697e80000000003000001000001ed000000"
            + "00000000010000000000000000000000000000000000000005612e62696e00000001a400000000000000020000000000"
            + "011170000000000000000003010000000000011170000000000000000200000000000000030000000000000004000000"
            + "0000000005000001a4000003e8000003e900016c02000001ff00000000000000040000000000000000010005612e6269"
            + "6e000000000000000000936fbafa000000a400027031000270320000019ab697e8010000000400000001000000010000"
            + "0002000000010005612e62696e00000001a4000000000000000500000000000111710000000000000000030100000000"
            + "000111710000000000000005000000000000000600000000000000040000000000000005000001a4000003e8000003e9"
            + "0000000200016200000001800000000000000006000000000000000100000000000000000100313e0b6c";

    @Test
    void anOlderAgentsRecordAndSegmentAreReadAndWrittenByteForByte() throws IOException {
        LastPoint base = new LastPoint("/srv/www", "p1", 32768, 1_764_000_000_000L, List.of(
                new LastPoint.Item(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of()), 0, null),
                new LastPoint.Item(new Entry("a.bin", EntryType.FILE, 0644, 2, 70000, null, List.of()), 3,
                        new FileStamp(70000, 2, 3, 4, 5, 0644, 1000, 1001)),
                new LastPoint.Item(new Entry("l", EntryType.SYMLINK, 0777, 4, 0, "a.bin", List.of()), 0, null)));
        LastPoint next = new LastPoint("/srv/www", "p2", 32768, 1_764_000_000_001L, List.of(base.items().get(0),
                new LastPoint.Item(new Entry("a.bin", EntryType.FILE, 0644, 5, 70001, null, List.of()), 3,
                        new FileStamp(70001, 5, 6, 4, 5, 0644, 1000, 1001)),
                new LastPoint.Item(new Entry("b", EntryType.FILE, 0600, 6, 1, null, List.of()), 1, null),
                base.items().get(2)));
        byte[] older = java.util.HexFormat.of().parseHex(OLDER_AGENTS_RECORD);

        assertThat(read(older, "/srv/www", 32768)).isEqualTo(next);
        byte[] written = java.nio.ByteBuffer.allocate(older.length).put(bytes(base))
                .put(RecordSegments.frame(LastPointCodec.segment(base, next))).array();
        assertThat(written).isEqualTo(older);
    }
}
