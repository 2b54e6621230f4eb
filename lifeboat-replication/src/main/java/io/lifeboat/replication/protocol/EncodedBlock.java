package io.lifeboat.replication.protocol;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.util.Objects;

/**
 * One block as it travels: its id (SHA-256 of the raw bytes), the encoding of its body, the raw
 * length the body must expand to, and the body itself: {@code data[offset .. offset + length)}.
 *
 * <p>The body is a view, not a copy: a decoded batch's blocks all lie in the one request body they
 * arrived in, and are hashed and packed from there. Nobody writes into {@code data} once the
 * block exists.
 */
public record EncodedBlock(BlockId id, BlockEncoding encoding, int rawLength, byte[] data, int offset, int length) {
    public EncodedBlock {
        if (rawLength <= 0 || rawLength > Limits.MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("raw block length out of range: " + rawLength);
        }
        Objects.checkFromIndexSize(offset, length, data.length);
        if (encoding == BlockEncoding.RAW && length != rawLength) {
            throw new IllegalArgumentException("a raw block's body is its raw length");
        }
    }

    /** A block whose body is the whole of {@code body}. */
    public EncodedBlock(BlockId id, BlockEncoding encoding, int rawLength, byte[] body) {
        this(id, encoding, rawLength, body, 0, body.length);
    }

    /** Bytes this block takes in a batch: header plus body. */
    public int wireSize() {
        return BlockBatchCodec.BLOCK_HEADER_BYTES + length;
    }
}
