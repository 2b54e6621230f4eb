package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.repository.BlockId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader takes the compressibility sniff's verdict on each block it hands over, while the block
 * is in its cache, and it is the verdict the sealer would have taken on the same bytes.
 */
class BlockGroupReaderTest {
    private static final int BS = 32768;

    @TempDir
    Path tmp;

    @Test
    void eachChangedBlockCarriesTheVerdictTheSealerWouldTake() throws Exception {
        byte[] random = new byte[BS];
        new Random(3).nextBytes(random);
        byte[] text = "2026-12-06T05:00:00Z web-1 GET /orders/1 200 3ms\n".repeat(700).substring(0, BS)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] nearlyZero = new byte[BS];
        nearlyZero[100] = 1;
        byte[] shortRandom = new byte[20_000]; // a short last block, long enough to be sniffed
        new Random(4).nextBytes(shortRandom);
        byte[] file = new byte[4 * BS + shortRandom.length];
        System.arraycopy(random, 0, file, 0, BS);
        System.arraycopy(text, 0, file, BS, BS);
        // block 2 is all zeros: no id, no data, no verdict
        System.arraycopy(nearlyZero, 0, file, 3 * BS, BS);
        System.arraycopy(shortRandom, 0, file, 4 * BS, shortRandom.length);
        Path img = Files.write(tmp.resolve("disk.img"), file);

        BlockBuffers buffers = new BlockBuffers(BS, 16);
        BlockGroupReader reader = new BlockGroupReader(BS, buffers, new BlockFingerprint(new FingerprintKey(7)));
        SourceReader.Group g;
        try (SourceChannel ch = SourceChannel.open(img, BS, false)) {
            g = reader.readGroup(ch, 0, file.length, KnownBlocks.File.EMPTY, 0);
        }

        assertThat(g.count).isEqualTo(5);
        assertThat(g.eof).isTrue();
        assertThat(g.ids[2]).as("an all-zero block").isNull();
        boolean[] expected = {true, false, false, false, true};
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(g.ids[i]).isEqualTo(BlockId.of(file, i * BS, g.lengths[i]));
            assertThat(g.looksIncompressible[i]).as("block %d", i).isEqualTo(expected[i])
                    .isEqualTo(BlockSealer.looksIncompressible(Arrays.copyOfRange(file, i * BS, i * BS + g.lengths[i]),
                            g.lengths[i]));
        }
    }

    /**
     * Whether a block is sent from the slice it was read into or from a copy, its bytes, fingerprint
     * and id are those of the file's bytes: for files ending at every block of a slice, short or not,
     * with an all-zero block and an unchanged one among them.
     */
    @Test
    void bytesFingerprintsAndIdsAreTheFilesAtEveryEndWithinASlice() throws Exception {
        int bs = 4096;
        BlockFingerprint fp = new BlockFingerprint(new FingerprintKey(7));
        BlockBuffers buffers = new BlockBuffers(bs, 64);
        BlockGroupReader reader = new BlockGroupReader(bs, buffers, fp);
        for (int blocks = 17; blocks <= 33; blocks++) {
            for (int tail : new int[] {0, 1, 1000}) {
                byte[] file = new byte[blocks * bs + tail];
                new Random(blocks * 31L + tail).nextBytes(file);
                java.util.Arrays.fill(file, 2 * bs, 3 * bs, (byte) 0); // block 2: all zeros
                Path img = Files.write(tmp.resolve("f" + blocks + "-" + tail), file);
                SourceReader.Group g;
                try (SourceChannel ch = SourceChannel.open(img, bs, false)) {
                    g = reader.readGroup(ch, 0, file.length, KnownBlocks.File.EMPTY, 0);
                }
                int count = blocks + (tail > 0 ? 1 : 0);
                assertThat(g.count).isEqualTo(count);
                for (int i = 0; i < count; i++) {
                    int len = Math.min(bs, file.length - i * bs);
                    if (i == 2) {
                        assertThat(g.ids[i]).isNull();
                        assertThat(g.data[i]).isNull();
                        continue;
                    }
                    byte[] expected = Arrays.copyOfRange(file, i * bs, i * bs + len);
                    byte[] held = new byte[len];
                    g.data[i].bytes().get(held);
                    assertThat(held).as("block %d of %d+%d", i, blocks, tail).isEqualTo(expected);
                    assertThat(g.data[i].bytes().isDirect()).as("outside the heap, for the TLS engine").isTrue();
                    assertThat(g.fingerprints[i]).isEqualTo(fp.of(expected, 0, len));
                    assertThat(g.ids[i]).isEqualTo(BlockId.of(expected));
                }
                for (HeldBlock h : g.data) {
                    if (h != null) {
                        h.release();
                    }
                }
            }
        }
    }
}
