package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.BlockId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KnownBlocksCodecTest {
    private static final int BS = 32 * 1024;
    private static final String SRC = "/data/disk.img";

    /** A fingerprint whose halves differ, so a codec that mixed them up is caught. */
    private static BlockFingerprint.Fingerprint fp(long n) {
        return new BlockFingerprint.Fingerprint(n, ~n * 31);
    }

    private static BlockId id(int n) {
        return BlockId.of(new byte[] {(byte) n, 1, 2, 3});
    }

    /** Two files: "" with blocks 0, 1 and 3 (2 all zeros), "etc/hosts" with one short block. */
    private static KnownBlocks sample() {
        KnownBlocks.Recorder r = new KnownBlocks.Recorder(BS);
        r.block("", 0, BS, fp(11L), id(0));
        r.block("", 1, BS, fp(-12L), id(1));
        r.block("", 3, 100, fp(13L), id(3));
        r.block("etc/hosts", 0, 512, fp(0x7fff_ffff_ffffL), id(9));
        return r.toRecord("p-7");
    }

    private static byte[] bytes(KnownBlocks k) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KnownBlocksCodec.write(k, SRC, out);
        return out.toByteArray();
    }

    private static KnownBlocks read(byte[] b) throws IOException {
        return KnownBlocksCodec.read(new ByteArrayInputStream(b), b.length, SRC, BS);
    }

    @Test
    void roundTripKeepsEveryBlockAndItsPosition() throws IOException {
        KnownBlocks back = read(bytes(sample()));
        assertThat(back.point()).isEqualTo("p-7");
        assertThat(back.files().keySet()).containsExactlyInAnyOrder("", "etc/hosts");
        KnownBlocks.File image = back.file("");
        assertThat(image.blocks()).isEqualTo(4);
        assertThat(image.unchanged(0, BS, fp(11L))).isEqualTo(id(0));
        assertThat(image.unchanged(1, BS, fp(-12L))).isEqualTo(id(1));
        assertThat(image.unchanged(2, BS, fp(0L))).as("an all-zero block is not recorded").isNull();
        assertThat(image.unchanged(3, 100, fp(13L))).isEqualTo(id(3));
        assertThat(back.file("etc/hosts").unchanged(0, 512, fp(0x7fff_ffff_ffffL))).isEqualTo(id(9));
    }

    @Test
    void aBlockMatchesOnlyWithItsPositionLengthAndFingerprint() throws IOException {
        KnownBlocks.File image = read(bytes(sample())).file("");
        assertThat(image.unchanged(0, BS, fp(12L))).as("other fingerprint").isNull();
        assertThat(image.unchanged(0, BS, new BlockFingerprint.Fingerprint(11L, 0))).as("other low half").isNull();
        assertThat(image.unchanged(0, BS, new BlockFingerprint.Fingerprint(0, ~11L * 31))).as("other high half").isNull();
        assertThat(image.unchanged(3, 99, fp(13L))).as("other length").isNull();
        assertThat(image.unchanged(1, BS, fp(11L))).as("block 0's fingerprint at position 1").isNull();
        assertThat(image.unchanged(4, BS, fp(11L))).as("past the recorded end").isNull();
        assertThat(read(bytes(sample())).file("not/there").unchanged(0, BS, fp(11L))).isNull();
    }

    @Test
    void everyFlippedByteIsCaught() throws IOException {
        byte[] good = bytes(sample());
        for (int at = 0; at < good.length; at++) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            assertThatThrownBy(() -> read(bad)).as("byte %d flipped", at).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aRecordCutAnywhereIsRefusedAsCutShort() throws IOException {
        byte[] good = bytes(sample());
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> read(cut)).as("cut at %d", len).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> read(Arrays.copyOf(good, 20))).hasMessageContaining("cut short");
    }

    @Test
    void errorsSayWhatIsWrong() throws IOException {
        byte[] good = bytes(sample());
        assertThatThrownBy(() -> read("not a record at all".getBytes())).hasMessageContaining("bad magic");
        assertThatThrownBy(() -> KnownBlocksCodec.read(new ByteArrayInputStream(good), good.length, "/other.img", BS))
                .hasMessageContaining("recorded for " + SRC).hasMessageContaining("not /other.img");
        assertThatThrownBy(() -> KnownBlocksCodec.read(new ByteArrayInputStream(good), good.length, SRC, 4096))
                .hasMessageContaining("32768-byte blocks");
        // a byte after the base is the start of a segment torn by a crash: dropped, the base is the record
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThat(read(trailing).point()).isEqualTo(read(good).point());
        assertThat(KnownBlocksCodec.readAppended(new ByteArrayInputStream(trailing), trailing.length, SRC, BS).torn())
                .contains("cut short at byte " + good.length);
        byte[] badSum = good.clone();
        badSum[badSum.length - 1] ^= 1;
        assertThatThrownBy(() -> read(badSum)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void aHugeBlockCountIsRefusedBeforeAnythingIsAllocated() throws IOException {
        KnownBlocks.Recorder r = new KnownBlocks.Recorder(BS);
        r.block("f", 0, BS, fp(1L), id(1));
        byte[] b = bytes(r.toRecord("p"));
        // layout: magic 8, blockSize 4, UTF source, UTF point, fileCount 4, UTF "f" (2 + 1), then n
        int at = 8 + 4 + 2 + SRC.length() + 2 + 1 + 4 + 3;
        assertThat(ByteBuffer.wrap(b, at, 4).getInt()).isEqualTo(1);
        ByteBuffer.wrap(b, at, 4).putInt(Integer.MAX_VALUE / 32);
        assertThatThrownBy(() -> read(b)).hasMessageContaining("file 0 (f) claims 67108863 blocks");
    }

    @Test
    void aHugeBlockCountInASegmentNamesTheSegmentAndTheFile() throws IOException {
        KnownBlocks from = sample();
        KnownBlocks.Recorder r = new KnownBlocks.Recorder(BS);
        r.carry("", from.file(""));
        r.block("etc/hosts", 0, 600, fp(5L), id(5)); // changed: the segment's file 0
        byte[] body = KnownBlocksCodec.segment(from, r.toRecord("p-8"));
        // layout: UTF "p-7", UTF "p-8", removed 0, changed 1, UTF "etc/hosts", then n
        int at = 5 + 5 + 4 + 4 + 2 + "etc/hosts".length();
        assertThat(ByteBuffer.wrap(body, at, 4).getInt()).isEqualTo(1);
        ByteBuffer.wrap(body, at, 4).putInt(-1);
        byte[] base = bytes(from);
        byte[] frame = RecordSegments.frame(body);
        byte[] b = ByteBuffer.allocate(base.length + frame.length).put(base).put(frame).array();
        assertThatThrownBy(() -> read(b)).hasMessageContaining("segment 1's file 0 (etc/hosts) claims -1 blocks");
    }

    @Test
    void aRecordOfTheOlderCrcFormatIsRefusedAsSuch() throws IOException {
        byte[] old = bytes(sample());
        old[7] = '1'; // "LBKNOWN1": the CRC-32C + CRC-32 fingerprints, forgeable by content
        assertThatThrownBy(() -> read(old)).isInstanceOf(IOException.class)
                .hasMessageContaining("record of version 1, not 2");
    }
}
