package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.repository.BlockId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    .isEqualTo(BlockSealer.looksIncompressible(g.data[i], g.lengths[i]));
        }
    }
}
