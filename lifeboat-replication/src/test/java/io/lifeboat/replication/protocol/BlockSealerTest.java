package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockSealerTest {
    @Test
    void compressesOnlyWhenItPays() {
        byte[] random = new byte[32768];
        new Random(9).nextBytes(random);
        EncodedBlock r = BlockSealer.seal(BlockId.of(random), random, random.length, 1);
        assertThat(r.encoding()).isEqualTo(BlockEncoding.RAW);
        assertThat(r.data()).as("a raw block is sent from the array it was read into").isSameAs(random);

        byte[] text = new byte[32768];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 7);
        }
        EncodedBlock t = BlockSealer.seal(BlockId.of(text), text, text.length, 1);
        assertThat(t.encoding()).isEqualTo(BlockEncoding.ZSTD);
        assertThat(t.length()).isLessThan(1000);
        assertThat(Zstd.decompress(body(t), t.rawLength())).isEqualTo(text);
    }

    /**
     * A compressed block is held at its own length (a batch of well-compressed blocks holds what it
     * sends, not a block-sized array each), and each block has its own bytes: the sealer's output
     * space is reused, so a block still in a batch must not share it with the next one.
     */
    @Test
    void aCompressedBlockHoldsOnlyItsOwnBytesAndKeepsThemAfterTheNextSeal() {
        byte[] first = "2026-12-06T05:00:00Z web-1 GET /orders/1 200 3ms\n".repeat(700)
                .substring(0, 32768).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] second = "2026-12-06T05:00:01Z db-2 COMMIT txn=77 rows=3\n".repeat(800)
                .substring(0, 32768).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        EncodedBlock a = BlockSealer.seal(BlockId.of(first), first, first.length, 1);
        byte[] aBody = body(a).clone();
        EncodedBlock b = BlockSealer.seal(BlockId.of(second), second, second.length, 1);
        assertThat(a.encoding()).isEqualTo(BlockEncoding.ZSTD);
        assertThat(b.encoding()).isEqualTo(BlockEncoding.ZSTD);
        assertThat(a.data()).hasSize(a.length());
        assertThat(b.data()).hasSize(b.length());
        assertThat(a.data()).isNotSameAs(b.data());
        assertThat(body(a)).as("sealing the next block leaves this one's bytes").isEqualTo(aBody);
        assertThat(Zstd.decompress(body(a), a.rawLength())).isEqualTo(first);
        assertThat(Zstd.decompress(body(b), b.rawLength())).isEqualTo(second);
    }

    @Test
    void sealsAPrefixOfALargerBuffer() {
        byte[] buf = new byte[100];
        new Random(1).nextBytes(buf);
        EncodedBlock b = BlockSealer.seal(BlockId.of(buf, 0, 40), buf, 40, 1);
        assertThat(b.rawLength()).isEqualTo(40);
        assertThat(b.length()).isEqualTo(40);
        assertThat(b.data()).as("a short block is a view, not a copy").isSameAs(buf);
        assertThat(BlockId.of(body(b))).isEqualTo(b.id());
    }

    /**
     * The entropy sniff decides per block, before any zstd attempt: random blocks travel raw in the
     * array they were read into, text and zero blocks (all-zero blocks of a file's tail are never
     * sent, but a block of mostly zeros is) are tried and compressed.
     */
    @Test
    void randomTextAndZeroBlocksEachGetTheirOwnDecision() {
        byte[] random = new byte[32768];
        new Random(2).nextBytes(random);
        byte[] text = "2026-12-06T05:00:00Z web-1 GET /orders/1 200 3ms\n".repeat(700)
                .substring(0, 32768).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] zeros = new byte[32768];
        zeros[100] = 1; // not all zeros, or the reader would never hand it over
        for (int round = 0; round < 2; round++) { // the order of blocks does not carry a decision over
            EncodedBlock r = BlockSealer.seal(BlockId.of(random), random, random.length, 1);
            EncodedBlock t = BlockSealer.seal(BlockId.of(text), text, text.length, 1);
            EncodedBlock z = BlockSealer.seal(BlockId.of(zeros), zeros, zeros.length, 1);
            assertThat(r.encoding()).isEqualTo(BlockEncoding.RAW);
            assertThat(r.data()).isSameAs(random);
            assertThat(t.encoding()).isEqualTo(BlockEncoding.ZSTD);
            assertThat(Zstd.decompress(body(t), t.rawLength())).isEqualTo(text);
            assertThat(z.encoding()).isEqualTo(BlockEncoding.ZSTD);
            assertThat(z.length()).isLessThan(100);
            assertThat(Zstd.decompress(body(z), z.rawLength())).isEqualTo(zeros);
        }
    }

    /**
     * The reader takes the sniff's verdict while the block is in its cache and the uploader seals
     * with it: the same block on the wire as when the sealer sniffs for itself. A verdict of
     * "incompressible" is taken as given: the block goes raw (bytes on the wire, never correctness).
     */
    @Test
    void aVerdictTakenEarlierSealsTheBlockAsTheSealersOwn() {
        byte[] random = new byte[32768];
        new Random(5).nextBytes(random);
        byte[] text = "2026-12-06T05:00:00Z web-1 GET /orders/1 200 3ms\n".repeat(700)
                .substring(0, 32768).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] nearlyZero = new byte[32768];
        nearlyZero[7] = 1;
        for (byte[] b : new byte[][] {random, text, nearlyZero}) {
            BlockId id = BlockId.of(b);
            EncodedBlock own = BlockSealer.seal(id, b, b.length, 1);
            EncodedBlock given = BlockSealer.seal(id, b, b.length, 1, BlockSealer.looksIncompressible(b, b.length));
            assertThat(given.encoding()).isEqualTo(own.encoding());
            assertThat(body(given)).isEqualTo(body(own));
        }
        EncodedBlock told = BlockSealer.seal(BlockId.of(text), text, text.length, 1, true);
        assertThat(told.encoding()).isEqualTo(BlockEncoding.RAW);
        assertThat(told.data()).isSameAs(text);
    }

    private static byte[] body(EncodedBlock b) {
        return java.util.Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length());
    }
}
