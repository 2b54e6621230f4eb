package io.lifeboat.replication.protocol;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block batch, the body of an upload. Big-endian, length-prefixed, bounded:
 *
 * <pre>
 * batch  = magic "LBB1" (4) | count u32 | block * count
 * block  = id (32, SHA-256 of the raw bytes) | encoding u8 (0 raw, 1 zstd)
 *          | rawLength u32 | bodyLength u32 | body (bodyLength)
 * </pre>
 *
 * Nothing may follow the last block. {@link #decode} checks every length against the bytes left
 * and against {@link Limits} before it takes a block, so a truncated or oversized batch fails with a
 * {@link WireFormatException} naming the block, and nothing of it is used.
 */
public final class BlockBatchCodec {
    static final byte[] MAGIC = {'L', 'B', 'B', '1'};
    static final int HEADER_BYTES = 8;
    public static final int BLOCK_HEADER_BYTES = 32 + 1 + 4 + 4;

    private BlockBatchCodec() {
    }

    /** Bytes a batch of these blocks takes on the wire. */
    public static int size(List<EncodedBlock> blocks) {
        int n = HEADER_BYTES;
        for (EncodedBlock b : blocks) {
            n += b.wireSize();
        }
        return n;
    }

    public static byte[] encode(List<EncodedBlock> blocks) {
        if (blocks.size() > Limits.MAX_BATCH_BLOCKS) {
            throw new IllegalArgumentException("too many blocks for one batch: " + blocks.size());
        }
        ByteBuffer out = ByteBuffer.allocate(size(blocks));
        out.put(MAGIC).putInt(blocks.size());
        for (EncodedBlock b : blocks) {
            out.put(b.id().toBytes()).put((byte) b.encoding().code()).putInt(b.rawLength())
                    .putInt(b.length()).put(b.data(), b.offset(), b.length());
        }
        return out.array();
    }

    /**
     * The same bytes as {@link #encode}, as views in order instead of one array: the batch header,
     * then per block its 41-byte header and a view of its body where it lies. A sender that can
     * write the views as they are (the agent's HTTPS client) sends a batch without first copying
     * every block into one body; joined, the views are exactly {@code encode(blocks)}.
     */
    public static List<ByteBuffer> encodeViews(List<EncodedBlock> blocks) {
        if (blocks.size() > Limits.MAX_BATCH_BLOCKS) {
            throw new IllegalArgumentException("too many blocks for one batch: " + blocks.size());
        }
        byte[] headers = new byte[HEADER_BYTES + blocks.size() * BLOCK_HEADER_BYTES];
        ByteBuffer out = ByteBuffer.wrap(headers);
        out.put(MAGIC).putInt(blocks.size());
        List<ByteBuffer> views = new ArrayList<>(1 + 2 * blocks.size());
        views.add(ByteBuffer.wrap(headers, 0, HEADER_BYTES).slice());
        for (EncodedBlock b : blocks) {
            int at = out.position();
            b.id().copyTo(headers, at);
            out.position(at + 32);
            out.put((byte) b.encoding().code()).putInt(b.rawLength()).putInt(b.length());
            views.add(ByteBuffer.wrap(headers, at, BLOCK_HEADER_BYTES).slice());
            views.add(ByteBuffer.wrap(b.data(), b.offset(), b.length()).slice());
        }
        return views;
    }

    /**
     * The blocks of a batch, each a view into {@code body} (not copied: the vault hashes and packs
     * them from there).
     */
    public static List<EncodedBlock> decode(byte[] body) {
        if (body.length > Limits.MAX_BATCH_BYTES) {
            throw new WireFormatException("block batch: " + body.length + " bytes, at most " + Limits.MAX_BATCH_BYTES);
        }
        if (body.length < HEADER_BYTES) {
            throw new WireFormatException("block batch truncated: " + body.length + " bytes, the header alone is 8");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new WireFormatException("block batch: bad magic (expected \"LBB1\")");
        }
        long count = Integer.toUnsignedLong(in.getInt());
        if (count > Limits.MAX_BATCH_BLOCKS) {
            throw new WireFormatException("block batch: " + count + " blocks, at most " + Limits.MAX_BATCH_BLOCKS);
        }
        List<EncodedBlock> blocks = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            blocks.add(readBlock(in, i, count));
        }
        if (in.hasRemaining()) {
            throw new WireFormatException("block batch: " + in.remaining() + " bytes after the last of " + count + " blocks");
        }
        return blocks;
    }

    /**
     * The rules every block header obeys, whoever reads it (this whole-body decoder or the streaming
     * {@link BlockBatchParser}), with the one wording of their errors; {@code where} names the block.
     *
     * @return the block's encoding
     */
    static BlockEncoding checkHeader(String where, int code, long rawLength, long bodyLength) {
        BlockEncoding encoding;
        try {
            encoding = BlockEncoding.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(where + ": unknown block encoding " + code + " (0 raw, 1 zstd)");
        }
        if (rawLength == 0 || rawLength > Limits.MAX_BLOCK_BYTES) {
            throw new WireFormatException(where + ": raw length " + rawLength + " outside 1.." + Limits.MAX_BLOCK_BYTES);
        }
        if (encoding == BlockEncoding.RAW && bodyLength != rawLength) {
            throw new WireFormatException(where + ": raw block with body length " + bodyLength + " != raw length " + rawLength);
        }
        if (bodyLength > Limits.MAX_BLOCK_BYTES) {
            throw new WireFormatException(where + ": body length " + bodyLength + " over " + Limits.MAX_BLOCK_BYTES);
        }
        return encoding;
    }

    private static EncodedBlock readBlock(ByteBuffer in, int i, long count) {
        String where = "block batch, block " + (i + 1) + " of " + count + " (offset " + in.position() + ")";
        if (in.remaining() < BLOCK_HEADER_BYTES) {
            throw new WireFormatException(where + ": truncated upload, header needs " + BLOCK_HEADER_BYTES
                    + " bytes, " + in.remaining() + " remain");
        }
        byte[] id = new byte[32];
        in.get(id);
        int code = in.get() & 0xff;
        long rawLength = Integer.toUnsignedLong(in.getInt());
        long bodyLength = Integer.toUnsignedLong(in.getInt());
        BlockEncoding encoding = checkHeader(where, code, rawLength, bodyLength);
        if (bodyLength > in.remaining()) {
            throw new WireFormatException(where + ": truncated upload, body declares " + bodyLength + " bytes, "
                    + in.remaining() + " remain");
        }
        int offset = in.position();
        in.position(offset + (int) bodyLength);
        return new EncodedBlock(BlockId.fromBytes(id), encoding, (int) rawLength, in.array(), offset, (int) bodyLength);
    }
}
