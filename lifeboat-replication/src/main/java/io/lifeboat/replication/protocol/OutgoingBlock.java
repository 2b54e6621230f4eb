package io.lifeboat.replication.protocol;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One block as the agent sends it: an {@link EncodedBlock} whose body is a {@link ByteBuffer}
 * (from its position to its limit), so that it may lie outside the heap, where the agent read it,
 * with no copy in the heap kept for sending ({@link BlockBatchCodec#views}). Nobody writes into the
 * body while the block exists, and readers take views of it, never move its position.
 */
public record OutgoingBlock(BlockId id, BlockEncoding encoding, int rawLength, ByteBuffer body) {
    public OutgoingBlock {
        Objects.requireNonNull(id, "id");
        if (rawLength <= 0 || rawLength > Limits.MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("raw block length out of range: " + rawLength);
        }
        if (encoding == BlockEncoding.RAW && body.remaining() != rawLength) {
            throw new IllegalArgumentException("a raw block's body is its raw length");
        }
    }

    /** The same block, its body a view of the array it lies in. */
    public static OutgoingBlock of(EncodedBlock b) {
        return new OutgoingBlock(b.id(), b.encoding(), b.rawLength(), ByteBuffer.wrap(b.data(), b.offset(), b.length()).slice());
    }

    /** Bytes of the body. */
    public int length() {
        return body.remaining();
    }

    /** Bytes this block takes in a batch: header plus body. */
    public int wireSize() {
        return BlockBatchCodec.BLOCK_HEADER_BYTES + length();
    }

    /** The same block with its body copied into an array of its own (for a sender that takes arrays only). */
    public EncodedBlock toEncoded() {
        byte[] copy = new byte[length()];
        body.get(body.position(), copy);
        return new EncodedBlock(id, encoding, rawLength, copy);
    }
}
