package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A batch of blocks sealed where they lie outside the heap (the agent's slice buffers) is, byte for
 * byte, the batch the array encoder makes of the same blocks sealed from arrays: raw, zstd, mixed,
 * short last blocks, at every block position of a 16-block slice.
 */
class OutgoingBlockTest {
    private static final int BS = 32768;
    private static final int SLICE = 16;

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] text(int size, long seed) {
        String line = "2026-12-06T05:00:00Z web-" + seed + " GET /orders/12345 200 17ms\n";
        return line.repeat(size / line.length() + 1).substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] joined(List<ByteBuffer> views) {
        long n = 0;
        for (ByteBuffer v : views) {
            n += v.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate((int) n);
        views.forEach(v -> out.put(v.duplicate()));
        return out.array();
    }

    /** Blocks of every kind, each at every position of a slice buffer outside the heap. */
    @Test
    void aBatchSealedOutsideTheHeapIsTheArrayEncodersBytesAtEverySlicePosition() {
        for (int at = 0; at < SLICE; at++) {
            ByteBuffer slice = ByteBuffer.allocateDirect(SLICE * BS);
            List<byte[]> blocks = List.of(random(BS, at), text(BS, at), random(BS - 1 - at * 97, at + 100),
                    text(2000 + at * 13, at + 200));
            List<EncodedBlock> fromArrays = new ArrayList<>();
            List<OutgoingBlock> fromSlices = new ArrayList<>();
            for (int k = 0; k < blocks.size(); k++) {
                byte[] b = blocks.get(k);
                int slot = (at + k) % SLICE; // the block's place in the slice: every one, as `at` goes round
                slice.put(slot * BS, b);
                ByteBuffer where = slice.slice(slot * BS, b.length);
                boolean verdict = BlockSealer.looksIncompressible(b, b.length);
                fromArrays.add(BlockSealer.seal(BlockId.of(b), b, b.length, 1, verdict));
                fromSlices.add(BlockSealer.seal(BlockId.of(b), where, 1, verdict));
                assertThat(where.position()).as("sealing reads without moving the view").isZero();
            }
            assertThat(fromSlices).extracting(OutgoingBlock::encoding)
                    .containsExactly(BlockEncoding.RAW, BlockEncoding.ZSTD, BlockEncoding.RAW, BlockEncoding.ZSTD);
            assertThat(fromSlices.get(0).body().isDirect()).as("a raw block is sent from where it was read").isTrue();
            List<ByteBuffer> views = BlockBatchCodec.views(fromSlices);
            assertThat(joined(views)).as("slot %d", at).isEqualTo(BlockBatchCodec.encode(fromArrays));
            assertThat(joined(views)).as("the views can be sent again, for a retry")
                    .isEqualTo(BlockBatchCodec.encode(fromArrays));
            assertThat(BlockBatchCodec.sizeOf(fromSlices)).isEqualTo(BlockBatchCodec.size(fromArrays));
        }
    }

    @Test
    void aBlockThatZstdDoesNotShrinkTravelsRawFromWhereItLies() {
        byte[] b = random(BS, 9);
        ByteBuffer where = ByteBuffer.allocateDirect(BS).put(b).flip();
        OutgoingBlock sealed = BlockSealer.seal(BlockId.of(b), where, 1, false); // the sniff let it through
        assertThat(sealed.encoding()).isEqualTo(BlockEncoding.RAW);
        assertThat(sealed.body().isDirect()).isTrue();
        assertThat(joined(List.of(sealed.body()))).isEqualTo(b);
    }

    @Test
    void theArrayEncodersViewsAreItsBytes() {
        List<EncodedBlock> blocks = List.of(BlockSealer.seal(BlockId.of(text(BS, 1)), text(BS, 1), BS, 1),
                new EncodedBlock(BlockId.of(random(10, 2)), BlockEncoding.RAW, 10, random(30, 2), 0, 10));
        assertThat(joined(BlockBatchCodec.encodeViews(blocks))).isEqualTo(BlockBatchCodec.encode(blocks));
        assertThat(OutgoingBlock.of(blocks.get(1)).toEncoded().data()).isEqualTo(random(10, 2));
    }
}
