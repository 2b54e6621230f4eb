package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The binary form of an ownership record ({@code machines/<machine>/<id>}), pushed as bytes: every
 * id and time comes back in order, the layout is the documented one, and every way a file can be
 * torn or damaged is refused naming the file and, for the binary form, the byte offset.
 */
class OwnershipCodecTest {
    static final String FILE = "web-1/20261207T000000Z-0123abcd";
    /** Magic and version, count, name length, "web-1". */
    static final int RECORDS_AT = 6 + 4 + 2 + 5;

    static Map<BlockId, Long> blocks(int n) {
        Map<BlockId, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(BlockId.of(("block " + i).getBytes(StandardCharsets.UTF_8)), 1_796_564_412_516L + i % 3);
        }
        return out;
    }

    @Test
    void idsAndTimesComeBackInOrder() {
        for (int n : new int[] {0, 1, 5_000}) {
            Map<BlockId, Long> in = blocks(n);
            byte[] bytes = OwnershipCodec.encode("web-1", in);
            assertThat(bytes).hasSize(RECORDS_AT + 40 * n + 4);
            assertThat(OldOwnershipFiles.map(OwnershipCodec.read(bytes, FILE))).containsExactlyEntriesOf(in);
        }
        Map<BlockId, Long> extremes = new LinkedHashMap<>();
        extremes.put(BlockId.of(new byte[] {1}), 0L);
        extremes.put(BlockId.of(new byte[] {2}), Long.MAX_VALUE);
        assertThat(OldOwnershipFiles.map(OwnershipCodec.read(OwnershipCodec.encode("web-1", extremes), FILE)))
                .containsExactlyEntriesOf(extremes);
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        BlockId id = BlockId.of(new byte[] {7});
        byte[] bytes = OwnershipCodec.encode("web-1", Map.of(id, 0x0102030405060708L));
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertThat(Arrays.copyOf(bytes, 6)).isEqualTo(new byte[] {'L', 'B', 'O', 'W', 'N', 1});
        assertThat(b.getInt(6)).isEqualTo(1);
        assertThat(b.getShort(10)).isEqualTo((short) 5);
        assertThat(new String(bytes, 12, 5, StandardCharsets.US_ASCII)).isEqualTo("web-1");
        assertThat(Arrays.copyOfRange(bytes, RECORDS_AT, RECORDS_AT + 32)).isEqualTo(id.toBytes());
        assertThat(b.getLong(RECORDS_AT + 32)).isEqualTo(0x0102030405060708L);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        assertThat(b.getInt(bytes.length - 4)).isEqualTo((int) crc.getValue());
    }

    @Test
    void theJsonFormOfOldVaultsIsReadToo() {
        Map<BlockId, Long> in = blocks(300);
        assertThat(OldOwnershipFiles.map(OwnershipCodec.read(OldOwnershipFiles.json("web-1", in), FILE)))
                .containsExactlyEntriesOf(in);
        byte[] torn = Arrays.copyOf(OldOwnershipFiles.json("web-1", in), 100);
        assertThat(refusal(torn)).contains("machines/" + FILE).contains("line 1");
    }

    @Test
    void aJsonRecordWhoseTimeIsNotAMillisecondCountIsRefusedNamingTheBlock() {
        String id = "ab".repeat(32);
        for (String time : List.of("\"1700000000000\"", "-1", "1" + "0".repeat(40), "1.5", "null", "{}")) {
            byte[] json = ("{\"version\":1,\"machine\":\"web-1\",\"blocks\":{\"" + id + "\":" + time + "}}").getBytes();
            assertThat(refusal(json)).as(time).contains("machines/" + FILE).contains("block " + id)
                    .contains("upload time is not a number of milliseconds").doesNotContain("0".repeat(30));
        }
    }

    @Test
    void aTruncatedRecordIsRefusedWithWhereItEnds() {
        byte[] whole = OwnershipCodec.encode("web-1", blocks(3));
        assertThat(refusal(new byte[0])).as("an empty file: a create torn before its first byte").contains("machines/" + FILE);
        assertThat(refusal(Arrays.copyOf(whole, 4))).contains("machines/" + FILE + ": truncated: 4 bytes");
        assertThat(refusal(Arrays.copyOf(whole, RECORDS_AT - 1))).contains("truncated").contains("needs " + whole.length);
        assertThat(refusal(Arrays.copyOf(whole, RECORDS_AT + 40 + 7)))
                .contains("the file ends inside record 1 (which starts at offset " + (RECORDS_AT + 40) + ")");
        assertThat(refusal(Arrays.copyOf(whole, whole.length - 1))).contains("truncated");
        assertThat(refusal(Arrays.copyOf(whole, whole.length + 1))).contains("too long");
    }

    @Test
    void aFlippedBitAnywhereIsRefusedNamingTheFile() {
        byte[] whole = OwnershipCodec.encode("web-1", blocks(3));
        for (int i = 0; i < whole.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = whole.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThat(refusal(bad)).as("byte %d bit %d", i, bit).contains("machines/" + FILE);
            }
        }
        byte[] bad = whole.clone();
        bad[RECORDS_AT + 3] ^= 1;
        assertThat(refusal(bad)).contains("damaged: the CRC-32C at offset " + (whole.length - 4));
    }

    @Test
    void anotherMachinesRecordANewerVersionOrANegativeTimeIsRefusedUnderAGoodChecksum() {
        assertThat(refusal(OwnershipCodec.encode("web-2", blocks(2)))).contains("names another machine at offset 12: web-2");
        byte[] newer = OwnershipCodec.encode("web-1", blocks(2));
        newer[5] = 2;
        assertThat(refusal(newer)).contains("format version 2 at offset 5");
        byte[] negative = OwnershipCodec.encode("web-1", blocks(2));
        ByteBuffer.wrap(negative).putLong(RECORDS_AT + 40 + 32, -5);
        reseal(negative);
        assertThat(refusal(negative)).contains("record 1 at offset " + (RECORDS_AT + 40) + " is out of range (upload time -5)");
    }

    static void reseal(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }

    static String refusal(byte[] bytes) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> OwnershipCodec.read(bytes, FILE));
        assertThat(t).isInstanceOf(LifeboatException.class);
        return t.getMessage();
    }

    @Test
    void aRecordThatCannotBeWrittenIsRefusedBeforeAnyByte() {
        Map<BlockId, Long> bad = Map.of(BlockId.of(new byte[] {1}), -1L);
        assertThatThrownBy(() -> OwnershipCodec.encode("web-1", bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upload time -1");
    }
}
