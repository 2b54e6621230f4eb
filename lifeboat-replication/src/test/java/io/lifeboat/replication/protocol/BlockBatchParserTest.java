package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming parser against the whole-body codec, bytes only: every split of a batch gives the
 * same blocks, every cut gives the codec's error, hostile lengths are refused before a body is taken.
 */
class BlockBatchParserTest {
    /** A sink that gives every body an array of its own (or none for ids it is told to skip). */
    static final class Collect implements BlockBatchParser.Sink {
        final List<EncodedBlock> blocks = new ArrayList<>();
        final List<BlockId> skipped = new ArrayList<>();
        final java.util.Set<BlockId> skip;
        int count = -1;

        Collect(java.util.Set<BlockId> skip) {
            this.skip = skip;
        }

        @Override
        public void batch(int count) {
            this.count = count;
        }

        @Override
        public BlockBatchParser.Target block(int index, BlockBatchParser.BlockHeader h) {
            if (skip.contains(h.id())) {
                skipped.add(h.id());
                return null;
            }
            return new BlockBatchParser.Target(new byte[h.bodyLength() + 7], 7); // not at offset 0, on purpose
        }

        @Override
        public void received(int index, BlockBatchParser.BlockHeader h, BlockBatchParser.Target t) {
            assertThat(index).isEqualTo(blocks.size() + skipped.size());
            blocks.add(new EncodedBlock(h.id(), h.encoding(), h.rawLength(), t.buffer().array(), t.offset(), h.bodyLength()));
        }
    }

    static List<EncodedBlock> sample() {
        Random r = new Random(3);
        byte[] random = new byte[300];
        r.nextBytes(random);
        byte[] text = "abcd".repeat(200).getBytes(StandardCharsets.US_ASCII);
        byte[] one = {42};
        return List.of(BlockBatchCodecTest.sealed(random), BlockBatchCodecTest.sealed(text),
                BlockBatchCodecTest.sealed(one));
    }

    static Collect parse(byte[] body, int... cuts) {
        Collect sink = new Collect(java.util.Set.of());
        BlockBatchParser p = new BlockBatchParser(sink);
        int from = 0;
        for (int cut : cuts) {
            p.feed(ByteBuffer.wrap(body, from, cut - from));
            from = cut;
        }
        p.feed(ByteBuffer.wrap(body, from, body.length - from));
        p.end();
        return sink;
    }

    static void assertSameBlocks(List<EncodedBlock> got, List<EncodedBlock> want) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i).id()).isEqualTo(want.get(i).id());
            assertThat(got.get(i).encoding()).isEqualTo(want.get(i).encoding());
            assertThat(got.get(i).rawLength()).isEqualTo(want.get(i).rawLength());
            assertThat(BlockBatchCodecTest.body(got.get(i))).isEqualTo(BlockBatchCodecTest.body(want.get(i)));
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameBlocksAsTheWholeBody() {
        List<EncodedBlock> blocks = sample();
        assertThat(blocks.stream().map(EncodedBlock::encoding)).contains(BlockEncoding.RAW, BlockEncoding.ZSTD);
        byte[] body = BlockBatchCodec.encode(blocks);
        int[] everyByte = new int[body.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertSameBlocks(parse(body, everyByte).blocks, BlockBatchCodec.decode(body));
    }

    /** Two chunks split at every offset: inside the batch header, each block header and each body. */
    @Test
    void aSplitAtEveryOffsetGivesTheSameBlocks() {
        byte[] body = BlockBatchCodec.encode(sample());
        List<EncodedBlock> want = BlockBatchCodec.decode(body);
        for (int cut = 0; cut <= body.length; cut++) {
            assertSameBlocks(parse(body, cut).blocks, want);
        }
        for (int a = 0; a < body.length; a += 13) { // three chunks, edges on both sides of headers
            for (int b = a; b <= body.length; b += 29) {
                assertSameBlocks(parse(body, a, b).blocks, want);
            }
        }
    }

    /**
     * As the vault receives: the body arrives in buffers outside the heap (netty's) and each block is
     * copied into one buffer outside the heap, behind room for its header (a pack laid out in
     * place). Two pieces split at every offset give every body intact where the sink asked for it.
     */
    @Test
    void directPiecesIntoADirectBufferGiveTheSameBodiesAtEverySplit() {
        byte[] body = BlockBatchCodec.encode(sample());
        List<EncodedBlock> want = BlockBatchCodec.decode(body);
        ByteBuffer wire = ByteBuffer.allocateDirect(body.length).put(body);
        for (int cut = 0; cut <= body.length; cut++) {
            ByteBuffer pack = ByteBuffer.allocateDirect(body.length + 64);
            List<Integer> at = new ArrayList<>();
            int[] next = {8};
            BlockBatchParser p = new BlockBatchParser(new BlockBatchParser.Sink() {
                @Override
                public BlockBatchParser.Target block(int index, BlockBatchParser.BlockHeader h) {
                    int body = next[0] + 41;
                    next[0] = body + h.bodyLength();
                    at.add(body);
                    return new BlockBatchParser.Target(pack, body);
                }

                @Override
                public void received(int index, BlockBatchParser.BlockHeader h, BlockBatchParser.Target t) {
                    assertThat(t.offset()).isEqualTo(at.get(index));
                }
            });
            p.feed(wire.slice(0, cut));
            p.feed(wire.slice(cut, body.length - cut));
            p.end();
            assertThat(pack.position()).as("the target's position is not moved").isZero();
            for (int i = 0; i < want.size(); i++) {
                byte[] got = new byte[want.get(i).length()];
                pack.get(at.get(i), got);
                assertThat(got).as("block %d, split at %d", i, cut).isEqualTo(BlockBatchCodecTest.body(want.get(i)));
            }
        }
    }

    @Test
    void bodiesTheSinkDoesNotWantAreSkippedAndTheRestStillArrive() {
        List<EncodedBlock> blocks = sample();
        byte[] body = BlockBatchCodec.encode(blocks);
        Collect sink = new Collect(java.util.Set.of(blocks.get(1).id()));
        BlockBatchParser p = new BlockBatchParser(sink);
        for (int i = 0; i < body.length; i += 5) {
            p.feed(ByteBuffer.wrap(body, i, Math.min(5, body.length - i)));
        }
        p.end();
        assertThat(sink.skipped).containsExactly(blocks.get(1).id());
        assertSameBlocks(sink.blocks, List.of(blocks.get(0), blocks.get(2)));
        assertThat(sink.count).isEqualTo(3);
    }

    /** A body cut at any length fails at its end with the very message the whole-body codec gives. */
    @Test
    void everyTruncationGivesTheCodecsMessage() {
        byte[] body = BlockBatchCodec.encode(sample());
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            String expected = codecError(cut);
            assertThat(expected).contains("truncated");
            Collect sink = new Collect(java.util.Set.of());
            BlockBatchParser p = new BlockBatchParser(sink);
            for (int i = 0; i < n; i += 3) { // and in pieces
                p.feed(ByteBuffer.wrap(cut, i, Math.min(3, n - i)));
            }
            assertThatThrownBy(p::end).isInstanceOf(WireFormatException.class).hasMessage(expected);
        }
    }

    @Test
    void theTruncationMessageNamesTheBlockAndItsOffset() {
        byte[] body = BlockBatchCodec.encode(sample());
        byte[] cut = Arrays.copyOf(body, body.length - 1);
        BlockBatchParser p = new BlockBatchParser(new Collect(java.util.Set.of()));
        p.feed(ByteBuffer.wrap(cut));
        int lastHeader = body.length - BlockBatchCodec.BLOCK_HEADER_BYTES - sample().get(2).length();
        assertThatThrownBy(p::end).hasMessage("block batch, block 3 of 3 (offset " + lastHeader
                + "): truncated upload, body declares 1 bytes, 0 remain");
    }

    @Test
    void hostileLengthsAreRefusedBeforeAnyBodyIsTaken() {
        byte[] id = new byte[32];
        for (long[] lengths : new long[][] {{0xffffffffL, 0xffffffffL, 0}, {0, 0, 0}, {Limits.MAX_BLOCK_BYTES + 1L,
                Limits.MAX_BLOCK_BYTES + 1L, 0}, {100, 0xffffffffL, 1}, {100, 50, 0}}) {
            ByteBuffer b = ByteBuffer.allocate(8 + 41).put("LBB1".getBytes(StandardCharsets.US_ASCII)).putInt(1)
                    .put(id).put((byte) lengths[2]).putInt((int) lengths[0]).putInt((int) lengths[1]);
            byte[] body = b.array();
            String expected = codecError(body);
            List<Integer> asked = new ArrayList<>();
            BlockBatchParser p = new BlockBatchParser(new BlockBatchParser.Sink() {
                @Override
                public BlockBatchParser.Target block(int index, BlockBatchParser.BlockHeader h) {
                    asked.add(index);
                    return null;
                }

                @Override
                public void received(int index, BlockBatchParser.BlockHeader h, BlockBatchParser.Target t) {
                }
            });
            assertThatThrownBy(() -> p.feed(ByteBuffer.wrap(body))).isInstanceOf(WireFormatException.class)
                    .hasMessage(expected).hasMessageContaining("block 1 of 1 (offset 8)");
            assertThat(asked).as("no target was asked for a refused header").isEmpty();
        }
    }

    @Test
    void badMagicTooManyBlocksTrailingBytesAndOversizedBodiesAreRefused() {
        byte[] good = BlockBatchCodec.encode(sample());
        byte[] magic = good.clone();
        magic[0] = 'X';
        byte[] many = ByteBuffer.allocate(8).put("LBB1".getBytes(StandardCharsets.US_ASCII)).putInt(Limits.MAX_BATCH_BLOCKS + 1).array();
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        for (byte[] body : List.of(magic, many, trailing)) {
            BlockBatchParser p = new BlockBatchParser(new Collect(java.util.Set.of()));
            assertThatThrownBy(() -> {
                p.feed(ByteBuffer.wrap(body));
                p.end();
            }).isInstanceOf(WireFormatException.class).hasMessage(codecError(body));
        }
        BlockBatchParser small = new BlockBatchParser(new Collect(java.util.Set.of()), 100);
        assertThatThrownBy(() -> small.feed(ByteBuffer.wrap(good))).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("more than 100 bytes");
    }

    /** A block that declares more body than the batch bound allows is refused at its header, not after 32 MiB. */
    @Test
    void aBodyPastTheBatchBoundIsRefusedAtItsHeader() {
        ByteBuffer b = ByteBuffer.allocate(8 + 41).put("LBB1".getBytes(StandardCharsets.US_ASCII)).putInt(1)
                .put(new byte[32]).put((byte) 0).putInt(4000).putInt(4000);
        BlockBatchParser p = new BlockBatchParser(new Collect(java.util.Set.of()), 1000);
        assertThatThrownBy(() -> p.feed(ByteBuffer.wrap(b.array()))).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("block 1 of 1 (offset 8)").hasMessageContaining("past the batch's bound of 1000");
    }

    private static String codecError(byte[] body) {
        try {
            BlockBatchCodec.decode(body);
        } catch (WireFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("the codec accepted the body");
    }
}
