package io.lifeboat.replication.protocol;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.lifeboat.repository.BlockId;
import java.security.MessageDigest;

/**
 * Seals a block for the wire (zstd where that pays) and opens a received one (decompress, then
 * check the SHA-256 against the claimed id). Opening is the vault's check on receipt.
 */
public final class BlockCodec {
    /** zstd level 1: fast enough to keep up with TLS on one core, and most of the gain. */
    public static final int DEFAULT_LEVEL = 1;

    private BlockCodec() {
    }

    /**
     * Compresses {@code data[0..length)} and keeps the result only when it is smaller by at least
     * 1/32 (about 3%); otherwise the block travels raw and the vault does not spend time inflating it.
     */
    public static EncodedBlock seal(BlockId id, byte[] data, int length, int level) {
        byte[] raw = data.length == length ? data : java.util.Arrays.copyOf(data, length);
        byte[] packed = Zstd.compress(raw, level);
        if (packed.length < length - (length >> 5)) {
            return new EncodedBlock(id, WireEncoding.ZSTD, length, packed);
        }
        return new EncodedBlock(id, WireEncoding.RAW, length, raw);
    }

    /**
     * The raw bytes of a received block, checked against its id.
     *
     * @throws WireFormatException     when a zstd body does not decompress to the declared length
     * @throws BlockIntegrityException when the bytes do not hash to the block's id
     */
    public static byte[] open(EncodedBlock block) {
        byte[] raw = block.encoding() == WireEncoding.RAW ? block.body() : inflate(block);
        MessageDigest sha = BlockId.sha256();
        BlockId actual = BlockId.fromBytes(sha.digest(raw));
        if (!actual.equals(block.id())) {
            throw new BlockIntegrityException(block.id(), "block " + block.id() + ": hash mismatch, its bytes hash to "
                    + actual + "; rejected");
        }
        return raw;
    }

    private static byte[] inflate(EncodedBlock block) {
        long declared;
        try {
            declared = Zstd.getFrameContentSize(block.body());
        } catch (RuntimeException e) {
            declared = -1;
        }
        if (declared >= 0 && declared != block.rawLength()) {
            throw new WireFormatException("block " + block.id() + ": zstd frame holds " + declared
                    + " bytes, the batch declares " + block.rawLength());
        }
        byte[] raw;
        try {
            raw = Zstd.decompress(block.body(), block.rawLength());
        } catch (ZstdException e) {
            throw new WireFormatException("block " + block.id() + ": not a valid zstd frame (" + e.getMessage() + ")", e);
        }
        if (raw.length != block.rawLength()) {
            throw new WireFormatException("block " + block.id() + ": zstd body inflates to " + raw.length
                    + " bytes, the batch declares " + block.rawLength());
        }
        return raw;
    }
}
