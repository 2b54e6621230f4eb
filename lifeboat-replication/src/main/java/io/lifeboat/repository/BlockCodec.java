package io.lifeboat.repository;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a block body (raw or one zstd frame) with a hard bound on its size, and checks that the
 * SHA-256 of the result is the block's id. Used on receipt ({@link #decodeAll}), on read and by
 * verify ({@link #unpack}, then {@link #checkHash} once a group of blocks is hashed together).
 */
final class BlockCodec {
    /** One decompression context per thread: creating one per block costs more than inflating 32 KiB. */
    private static final ThreadLocal<ZstdDecompressCtx> CONTEXT = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private BlockCodec() {
    }

    /**
     * Checks a batch just received: every body is decoded first, then all are hashed together (many
     * blocks per vector, see {@link BlockId#ofAll}); the first block whose hash is not its id fails
     * the whole batch. A raw body is hashed where it lies (in the request body); only a zstd body is
     * inflated into an array of its own, dropped once hashed.
     *
     * @return the uncompressed length of each upload, in order
     */
    static int[] decodeAll(List<BlockUpload> uploads, int maxBytes) {
        int n = uploads.size();
        byte[][] raw = new byte[n][];
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            BlockUpload u = uploads.get(i);
            if (u.encoding() == BlockEncoding.RAW) {
                raw[i] = u.data();
                offsets[i] = u.offset();
                lengths[i] = checkSize(u.id(), null, u.length(), maxBytes);
            } else {
                raw[i] = inflate(u.id(), null, u.data(), u.offset(), u.length(), maxBytes);
                lengths[i] = checkSize(u.id(), null, raw[i].length, maxBytes);
            }
        }
        BlockId[] actual = BlockId.ofAll(raw, offsets, lengths, n);
        for (int i = 0; i < n; i++) {
            checkHash(uploads.get(i).id(), null, lengths[i], actual[i]);
        }
        return lengths;
    }

    /**
     * {@link #decodeAll} of bodies held in buffers (a pack received outside the heap, a proof in an
     * array of its own): body {@code i} is {@code bodies.get(i)} from its position to its limit, sent
     * for block {@code blocks.get(i).id()} with {@code blocks.get(i).encoding()}. A raw body is hashed
     * where it lies; a zstd body is inflated into an array of its own (from a buffer outside the heap
     * its compressed bytes are first copied out), dropped once hashed. The buffers' positions are
     * left as they were.
     *
     * @return the uncompressed length of each body, in order
     */
    static int[] decodeAll(List<Pack.Item> blocks, List<ByteBuffer> bodies, int maxBytes) {
        int n = blocks.size();
        ByteBuffer[] raw = new ByteBuffer[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            Pack.Item b = blocks.get(i);
            ByteBuffer body = bodies.get(i);
            if (b.encoding() == BlockEncoding.RAW) {
                raw[i] = body;
                lengths[i] = checkSize(b.id(), null, body.remaining(), maxBytes);
            } else {
                byte[] inflated = inflate(b.id(), null, body, maxBytes);
                raw[i] = ByteBuffer.wrap(inflated);
                lengths[i] = checkSize(b.id(), null, inflated.length, maxBytes);
            }
        }
        BlockId[] actual = BlockId.ofAll(raw, n);
        for (int i = 0; i < n; i++) {
            checkHash(blocks.get(i).id(), null, lengths[i], actual[i]);
        }
        return lengths;
    }

    /** Inflates the zstd frame between {@code body}'s position and limit (its position is left as it was). */
    private static byte[] inflate(BlockId id, String pack, ByteBuffer body, int maxBytes) {
        if (body.hasArray()) {
            return inflate(id, pack, body.array(), body.arrayOffset() + body.position(), body.remaining(), maxBytes);
        }
        byte[] copy = new byte[body.remaining()];
        body.get(body.position(), copy);
        return inflate(id, pack, copy, 0, copy.length, maxBytes);
    }

    /**
     * The body's uncompressed bytes, no more than {@code maxBytes} of them (not yet checked against
     * the id: see {@link #checkHash}).
     *
     * @param pack where the body was read from, for messages; null for a body just received
     */
    static byte[] unpack(BlockId id, String pack, byte[] body, BlockEncoding encoding, int maxBytes) {
        byte[] raw = switch (encoding) {
            case RAW -> body;
            case ZSTD -> inflate(id, pack, body, 0, body.length, maxBytes);
        };
        checkSize(id, pack, raw.length, maxBytes);
        return raw;
    }

    /**
     * {@link #unpack} of a zstd body lying at {@code buf[offset .. offset + length)} (in a range read
     * of its pack): inflated into an array of its own, no more than {@code maxBytes}.
     */
    static byte[] inflateStored(BlockId id, String pack, byte[] buf, int offset, int length, int maxBytes) {
        byte[] raw = inflate(id, pack, buf, offset, length, maxBytes);
        checkSize(id, pack, raw.length, maxBytes);
        return raw;
    }

    /**
     * Inflates the zstd frame {@code src[srcAt .. srcAt + length)} (absolute: no position moves) into
     * {@code dst[dstAt .. dstAt + raw)}, where the block's bytes are to stay: the index says it
     * inflates to {@code raw} bytes, and a frame that would inflate to more, or to fewer, is damage.
     * From a buffer outside the heap into one outside the heap zstd reads and writes them in place;
     * from an array (a store that reads into arrays) it writes into {@code dst} in place.
     *
     * @param pack where the body was read from, for messages
     * @param at   the record's offset in the pack, for messages
     */
    static void inflateInto(BlockId id, String pack, long at, ByteBuffer src, int srcAt, int length, ByteBuffer dst,
            int dstAt, int raw) {
        if (length < 4) {
            throw new IntegrityException(id, pack, where(id, pack) + " at offset " + at + " is not a valid zstd frame ("
                    + length + " bytes): truncated");
        }
        int n;
        try {
            if (src.isDirect() && dst.isDirect()) {
                n = CONTEXT.get().decompressDirectByteBuffer(dst, dstAt, raw, src, srcAt, length);
            } else if (src.hasArray() && dst.isDirect()) {
                n = CONTEXT.get().decompressByteArrayToDirectByteBuffer(dst, dstAt, raw, src.array(),
                        src.arrayOffset() + srcAt, length);
            } else {
                byte[] body = new byte[length];
                src.get(srcAt, body);
                byte[] out = new byte[raw];
                n = CONTEXT.get().decompressByteArray(out, 0, raw, body, 0, length);
                dst.put(dstAt, out, 0, n);
            }
        } catch (ZstdException e) {
            CONTEXT.remove(); // a fresh context for the next block, whatever state this one was left in
            throw new IntegrityException(id, pack, where(id, pack) + " at offset " + at + " is not a valid zstd frame of "
                    + raw + " bytes (" + e.getMessage() + "): truncated, altered or too large", e);
        } catch (RuntimeException e) {
            CONTEXT.remove();
            throw new IntegrityException(id, pack, where(id, pack) + " at offset " + at + " does not decompress: "
                    + e.getMessage(), e);
        }
        if (n != raw) {
            throw new IntegrityException(id, pack, where(id, pack) + " at offset " + at + ": " + n
                    + " bytes where the index says " + raw);
        }
    }

    private static int checkSize(BlockId id, String pack, int rawLength, int maxBytes) {
        if (rawLength > maxBytes) {
            throw new IntegrityException(id, pack, where(id, pack) + " is " + rawLength
                    + " bytes, more than the largest block allowed (" + maxBytes + ")");
        }
        return rawLength;
    }

    static void checkHash(BlockId id, String pack, int length, BlockId actual) {
        if (!actual.equals(id)) {
            throw new IntegrityException(id, pack, where(id, pack) + ": SHA-256 of its " + length
                    + " bytes is " + actual + (pack == null ? " (a truncated or altered upload)" : " (damaged)"));
        }
    }

    /** Inflates the zstd frame {@code body[offset .. offset + length)}. */
    private static byte[] inflate(BlockId id, String pack, byte[] body, int offset, int length, int maxBytes) {
        long declared = declaredSize(id, pack, body, offset, length);
        if (declared > maxBytes) {
            throw new IntegrityException(id, pack, where(id, pack) + " would inflate to " + declared
                    + " bytes, more than the largest block allowed (" + maxBytes + ")");
        }
        int capacity = declared >= 0 ? (int) declared : maxBytes;
        byte[] out = new byte[capacity];
        try {
            int n = CONTEXT.get().decompressByteArray(out, 0, capacity, body, offset, length);
            return n == capacity ? out : Arrays.copyOf(out, n);
        } catch (ZstdException e) {
            CONTEXT.remove(); // a fresh context for the next block, whatever state this one was left in
            throw new IntegrityException(id, pack, where(id, pack) + " is not a valid zstd frame within "
                    + maxBytes + " bytes (" + e.getMessage() + "): truncated, altered or too large", e);
        } catch (RuntimeException e) {
            CONTEXT.remove();
            throw new IntegrityException(id, pack, where(id, pack) + " does not decompress: " + e.getMessage(), e);
        }
    }

    /** The size a zstd frame declares, or -1 when it does not say (the bound then applies while inflating). */
    private static long declaredSize(BlockId id, String pack, byte[] body, int offset, int length) {
        if (length < 4) {
            throw new IntegrityException(id, pack, where(id, pack) + " is not a valid zstd frame (" + length
                    + " bytes): truncated");
        }
        try {
            long n = Zstd.getFrameContentSize(body, offset, length);
            return n < 0 ? -1 : n;
        } catch (ZstdException e) {
            if (String.valueOf(e.getMessage()).contains("unknown")) {
                return -1;
            }
            throw new IntegrityException(id, pack, where(id, pack) + " is not a valid zstd frame (" + e.getMessage()
                    + "): truncated or altered", e);
        } catch (RuntimeException e) {
            throw new IntegrityException(id, pack, where(id, pack) + " is not a valid zstd frame: " + e, e);
        }
    }

    static String where(BlockId id, String pack) {
        return "block " + id + (pack == null ? "" : " in " + pack);
    }
}
