package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockIdTest {
    @Test
    void ofAllGivesEachBlockItsOwnIdWhateverTheMixOfLengths() {
        Random r = new Random(11);
        int count = 45;
        byte[][] data = new byte[count][];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            // mostly full blocks, some short ones in between, buffers longer than the block
            lengths[i] = i % 7 == 3 ? 1 + r.nextInt(32768) : 32768;
            data[i] = new byte[lengths[i] + (i % 3)];
            r.nextBytes(data[i]);
        }
        BlockId[] ids = BlockId.ofAll(data, lengths, count);
        for (int i = 0; i < count; i++) {
            assertThat(ids[i]).as("block %d", i).isEqualTo(BlockId.of(data[i], 0, lengths[i]));
        }
        assertThat(BlockId.ofAll(data, lengths, 0)).isEmpty();
    }

    @Test
    void ofAllHashesWholeArraysAndSlicesAtTheirOffsets() {
        Random r = new Random(12);
        byte[] shared = new byte[40 * 4096 + 7];
        r.nextBytes(shared);
        int n = 40;
        byte[][] data = new byte[n][];
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        java.util.List<byte[]> whole = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            data[i] = shared;
            offsets[i] = 7 + i * 4096;
            lengths[i] = 4096;
            whole.add(java.util.Arrays.copyOfRange(shared, offsets[i], offsets[i] + 4096));
        }
        BlockId[] sliced = BlockId.ofAll(data, offsets, lengths, n);
        BlockId[] copied = BlockId.ofAll(whole);
        for (int i = 0; i < n; i++) {
            assertThat(sliced[i]).as("block %d", i).isEqualTo(BlockId.of(whole.get(i)));
            assertThat(copied[i]).as("block %d", i).isEqualTo(BlockId.of(whole.get(i)));
        }
    }

    @Test
    void onlyLowercaseHexOfTheRightLengthIsAnId() {
        assertThat(new BlockId("0".repeat(63) + "f").hex()).hasSize(64);
        assertThatThrownBy(() -> new BlockId("0".repeat(63) + "F")).hasMessageContaining("64 lowercase hex");
        assertThatThrownBy(() -> new BlockId("0".repeat(63))).hasMessageContaining("64 lowercase hex");
        assertThatThrownBy(() -> new BlockId("0".repeat(63) + "g")).hasMessageContaining("64 lowercase hex");
        assertThatThrownBy(() -> new BlockId(null)).hasMessageContaining("64 lowercase hex");
    }

    @Test
    void theBinaryFormRoundTripsAndOrdersAsTheHexSpelling() {
        Random r = new Random(13);
        java.util.List<BlockId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] d = new byte[32];
            r.nextBytes(d);
            if (i % 5 == 0) {
                d[0] = (byte) 0xff; // high bit set: the order must be unsigned
            }
            BlockId id = BlockId.fromBytes(d);
            assertThat(id.toBytes()).isEqualTo(d);
            assertThat(new BlockId(id.hex())).isEqualTo(id).hasSameHashCodeAs(id);
            assertThat(id.hex()).isEqualTo(java.util.HexFormat.of().formatHex(d));
            ids.add(id);
        }
        java.util.List<String> byHex = ids.stream().map(BlockId::hex).sorted().toList();
        assertThat(ids.stream().sorted().map(BlockId::hex).toList()).isEqualTo(byHex);
        assertThatThrownBy(() -> BlockId.fromBytes(new byte[31])).hasMessageContaining("32 bytes");
    }
}
