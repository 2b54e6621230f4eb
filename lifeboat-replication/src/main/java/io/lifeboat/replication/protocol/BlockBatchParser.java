package io.lifeboat.replication.protocol;

import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The block batch of {@link BlockBatchCodec}, parsed as its bytes arrive: push any split of the body
 * to {@link #feed}, then call {@link #end}. Each block's header is checked against {@link Limits}
 * before its body is taken, and the {@link Sink} says where the body goes: a buffer it owns, in the
 * heap or outside it (the parser copies the bytes straight there, the one copy a received block
 * costs) or nowhere (the bytes are skipped, not copied). Errors are {@link WireFormatException}s with the same wording as
 * {@link BlockBatchCodec#decode}, naming the block and its offset. Never sees a socket; not thread-safe
 * (one request's bytes arrive in order, in one thread at a time).
 */
public final class BlockBatchParser {
    /** What the parser reports; its answers decide where each body goes. */
    public interface Sink {
        /** The batch's header was read: {@code count} blocks follow. */
        default void batch(int count) {
        }

        /**
         * Block {@code index} (0-based) of the batch was announced; its body follows. Returns where to
         * put the body's {@code bodyLength} bytes, or null to skip them without a copy.
         */
        Target block(int index, BlockHeader header);

        /** The whole body of block {@code index} is in its target (only for blocks given a target). */
        void received(int index, BlockHeader header, Target target);
    }

    /**
     * Where a body goes: {@code buffer[offset .. offset + bodyLength)}, by absolute index (the buffer's
     * position and limit are neither used nor moved).
     */
    public record Target(ByteBuffer buffer, int offset) {
        /** A body copied into {@code array[offset .. offset + bodyLength)}. */
        public Target(byte[] array, int offset) {
            this(ByteBuffer.wrap(array), offset);
        }
    }

    /** A block's header as sent; {@code offset} is where the header starts in the batch, for messages. */
    public record BlockHeader(BlockId id, BlockEncoding encoding, int rawLength, int bodyLength, long offset) {
    }

    private final Sink sink;
    private final long maxBytes;
    /** Header bytes gathered so far (the batch's 8, then each block's 41). */
    private final ByteBuffer head = ByteBuffer.allocate(BlockBatchCodec.BLOCK_HEADER_BYTES);
    private long position;
    private long count = -1;
    private int index;
    private BlockHeader current;
    private Target target;
    private int bodyDone;

    /** A parser for one batch of at most {@link Limits#MAX_BATCH_BYTES} bytes. */
    public BlockBatchParser(Sink sink) {
        this(sink, Limits.MAX_BATCH_BYTES);
    }

    BlockBatchParser(Sink sink, long maxBytes) {
        this.sink = sink;
        this.maxBytes = maxBytes;
        head.limit(BlockBatchCodec.HEADER_BYTES);
    }

    /** Bytes taken so far. */
    public long position() {
        return position;
    }

    /** Takes the next bytes of the body (any length, any split); the buffer's position advances to its limit. */
    public void feed(ByteBuffer in) {
        if (position + in.remaining() > maxBytes) {
            throw new WireFormatException("block batch: more than " + maxBytes + " bytes, at most " + maxBytes);
        }
        while (in.hasRemaining()) {
            if (current == null) {
                readHeader(in);
            } else {
                readBody(in);
            }
        }
    }

    /** The body ended: refuses a batch cut short (naming the block and offset) or one with nothing. */
    public void end() {
        if (count < 0) {
            throw new WireFormatException("block batch truncated: " + position + " bytes, the header alone is 8");
        }
        if (current != null) {
            throw new WireFormatException(where(current.offset()) + ": truncated upload, body declares "
                    + current.bodyLength() + " bytes, " + bodyDone + " remain");
        }
        if (index < count) {
            throw new WireFormatException(where(position - head.position()) + ": truncated upload, header needs "
                    + BlockBatchCodec.BLOCK_HEADER_BYTES + " bytes, " + head.position() + " remain");
        }
    }

    private void readHeader(ByteBuffer in) {
        if (count >= 0 && index >= count) {
            throw new WireFormatException("block batch: " + in.remaining() + " bytes after the last of " + count
                    + " blocks");
        }
        int n = Math.min(head.remaining(), in.remaining());
        ByteBuffer slice = in.slice(in.position(), n);
        head.put(slice);
        in.position(in.position() + n);
        position += n;
        if (head.hasRemaining()) {
            return;
        }
        head.flip();
        if (count < 0) {
            batchHeader();
        } else {
            blockHeader();
        }
        head.clear().limit(BlockBatchCodec.BLOCK_HEADER_BYTES);
    }

    private void batchHeader() {
        byte[] magic = new byte[4];
        head.get(magic);
        if (!Arrays.equals(magic, BlockBatchCodec.MAGIC)) {
            throw new WireFormatException("block batch: bad magic (expected \"LBB1\")");
        }
        count = Integer.toUnsignedLong(head.getInt());
        if (count > Limits.MAX_BATCH_BLOCKS) {
            throw new WireFormatException("block batch: " + count + " blocks, at most " + Limits.MAX_BATCH_BLOCKS);
        }
        sink.batch((int) count);
    }

    private void blockHeader() {
        long start = position - BlockBatchCodec.BLOCK_HEADER_BYTES;
        String where = where(start);
        BlockId id = BlockId.read(head);
        int code = head.get() & 0xff;
        long rawLength = Integer.toUnsignedLong(head.getInt());
        long bodyLength = Integer.toUnsignedLong(head.getInt());
        BlockEncoding encoding = BlockBatchCodec.checkHeader(where, code, rawLength, bodyLength);
        if (position + bodyLength > maxBytes) {
            throw new WireFormatException(where + ": body declares " + bodyLength + " bytes, past the batch's bound of "
                    + maxBytes);
        }
        current = new BlockHeader(id, encoding, (int) rawLength, (int) bodyLength, start);
        bodyDone = 0;
        target = sink.block(index, current);
        if (bodyLength == 0) {
            finishBlock();
        }
    }

    private void readBody(ByteBuffer in) {
        int n = Math.min(current.bodyLength() - bodyDone, in.remaining());
        if (target != null) {
            target.buffer().put(target.offset() + bodyDone, in, in.position(), n);
        }
        in.position(in.position() + n);
        bodyDone += n;
        position += n;
        if (bodyDone == current.bodyLength()) {
            finishBlock();
        }
    }

    private void finishBlock() {
        if (target != null) {
            sink.received(index, current, target);
        }
        current = null;
        target = null;
        index++;
    }

    private String where(long offset) {
        return "block batch, block " + (index + 1) + " of " + count + " (offset " + offset + ")";
    }
}
