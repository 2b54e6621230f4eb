package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BlockBatchCodecTest {
    static EncodedBlock sealed(byte[] data) {
        return BlockSealer.seal(BlockId.of(data), data, data.length, 1);
    }

    /** The bytes of a block's body, wherever in its array they lie. */
    static byte[] body(EncodedBlock b) {
        return Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length());
    }

    static List<EncodedBlock> sample() {
        byte[] random = new byte[5000];
        new Random(1).nextBytes(random);
        byte[] text = "abc".repeat(3000).getBytes(StandardCharsets.US_ASCII);
        return List.of(sealed(random), sealed(text));
    }

    @Test
    void roundTripsRawAndZstdBlocks() {
        List<EncodedBlock> in = sample();
        assertThat(in.get(0).encoding()).isEqualTo(BlockEncoding.RAW);
        assertThat(in.get(1).encoding()).isEqualTo(BlockEncoding.ZSTD);
        byte[] wire = BlockBatchCodec.encode(in);
        assertThat(wire.length).isEqualTo(BlockBatchCodec.size(in));
        List<EncodedBlock> out = BlockBatchCodec.decode(wire);
        assertThat(out).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(out.get(i).id()).isEqualTo(in.get(i).id());
            assertThat(out.get(i).encoding()).isEqualTo(in.get(i).encoding());
            assertThat(out.get(i).rawLength()).isEqualTo(in.get(i).rawLength());
            assertThat(body(out.get(i))).isEqualTo(body(in.get(i)));
        }
    }

    @Test
    void decodedBodiesAreViewsIntoTheBatchNotCopies() {
        List<EncodedBlock> in = sample();
        byte[] wire = BlockBatchCodec.encode(in);
        List<EncodedBlock> out = BlockBatchCodec.decode(wire);
        int first = BlockBatchCodec.HEADER_BYTES + BlockBatchCodec.BLOCK_HEADER_BYTES;
        assertThat(out.get(0).data()).isSameAs(wire);
        assertThat(out.get(0).offset()).isEqualTo(first);
        assertThat(out.get(1).data()).isSameAs(wire);
        assertThat(out.get(1).offset()).isEqualTo(first + in.get(0).length() + BlockBatchCodec.BLOCK_HEADER_BYTES);
        assertThat(BlockBatchCodec.encode(out)).isEqualTo(wire); // a view encodes as its own bytes
    }

    @Test
    void viewsJoinedAreTheEncodedBatchAndPointIntoTheBlocks() {
        byte[] buf = new byte[300];
        new Random(3).nextBytes(buf);
        EncodedBlock view = new EncodedBlock(BlockId.of(buf, 100, 120), BlockEncoding.RAW, 120, buf, 100, 120);
        List<EncodedBlock> in = List.of(sample().get(0), sample().get(1), view);
        List<ByteBuffer> views = BlockBatchCodec.encodeViews(in);
        ByteBuffer joined = ByteBuffer.allocate(BlockBatchCodec.size(in));
        views.forEach(v -> joined.put(v.duplicate()));
        assertThat(joined.hasRemaining()).isFalse();
        assertThat(joined.array()).isEqualTo(BlockBatchCodec.encode(in));
        ByteBuffer last = views.get(views.size() - 1);
        assertThat(last.array()).as("the body is the block's own array").isSameAs(buf);
        assertThat(last.arrayOffset()).isEqualTo(100);
        assertThat(last.remaining()).isEqualTo(120);
        assertThat(BlockBatchCodec.decode(joined.array())).extracting(EncodedBlock::id)
                .containsExactly(in.get(0).id(), in.get(1).id(), view.id());
    }

    @Test
    void everyTruncationIsAClearError() {
        byte[] wire = BlockBatchCodec.encode(sample());
        for (int cut = 0; cut < wire.length; cut++) {
            byte[] part = Arrays.copyOf(wire, cut);
            assertThatThrownBy(() -> BlockBatchCodec.decode(part))
                    .as("cut at %d", cut)
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void trailingBytesBadMagicAndBoundsAreRefused() {
        byte[] wire = BlockBatchCodec.encode(sample());
        byte[] longer = Arrays.copyOf(wire, wire.length + 3);
        assertThatThrownBy(() -> BlockBatchCodec.decode(longer)).hasMessageContaining("3 bytes after the last of 2 blocks");
        byte[] magic = wire.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> BlockBatchCodec.decode(magic)).hasMessageContaining("bad magic");
        byte[] many = wire.clone();
        ByteBuffer.wrap(many).putInt(4, Limits.MAX_BATCH_BLOCKS + 1);
        assertThatThrownBy(() -> BlockBatchCodec.decode(many)).hasMessageContaining("at most 4096");
        byte[] huge = wire.clone();
        ByteBuffer.wrap(huge).putInt(8 + 33, Integer.MAX_VALUE); // raw length of block 1
        assertThatThrownBy(() -> BlockBatchCodec.decode(huge)).hasMessageContaining("raw length");
        byte[] enc = wire.clone();
        enc[8 + 32] = 7;
        assertThatThrownBy(() -> BlockBatchCodec.decode(enc)).hasMessageContaining("unknown block encoding 7");
    }

    @Property(tries = 200)
    void arbitraryBytesDecodeOrFailCleanly(@ForAll @Size(max = 300) byte[] junk) {
        byte[] withMagic = new byte[junk.length + 4];
        System.arraycopy(BlockBatchCodec.MAGIC, 0, withMagic, 0, 4);
        System.arraycopy(junk, 0, withMagic, 4, junk.length);
        for (byte[] input : List.of(junk, withMagic)) {
            try {
                BlockBatchCodec.decode(input);
            } catch (WireFormatException expected) {
                // the documented failure
            }
        }
    }
}
