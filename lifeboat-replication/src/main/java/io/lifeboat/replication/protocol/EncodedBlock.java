package io.lifeboat.replication.protocol;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;

/**
 * One block as it travels: its id (SHA-256 of the raw bytes), the encoding of {@code body}, and the
 * raw length the body must expand to.
 */
public record EncodedBlock(BlockId id, BlockEncoding encoding, int rawLength, byte[] body) {
    public EncodedBlock {
        if (rawLength <= 0 || rawLength > Limits.MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("raw block length out of range: " + rawLength);
        }
        if (encoding == BlockEncoding.RAW && body.length != rawLength) {
            throw new IllegalArgumentException("a raw block's body is its raw length");
        }
    }

    /** Bytes this block takes in a batch: header plus body. */
    public int wireSize() {
        return BlockBatchCodec.BLOCK_HEADER_BYTES + body.length;
    }
}
