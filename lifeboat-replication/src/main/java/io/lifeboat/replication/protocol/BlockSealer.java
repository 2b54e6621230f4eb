package io.lifeboat.replication.protocol;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.util.Arrays;

/**
 * Seals a block for the wire: one zstd frame where that pays, the raw bytes otherwise. (The vault's
 * repository decodes and re-hashes every body on receipt; see {@code Repository.putBlocks}.)
 */
public final class BlockSealer {
    /** zstd level 1: fast enough to keep up with TLS on one core, and most of the gain. */
    public static final int DEFAULT_LEVEL = 1;

    /**
     * One compression context per sending thread, reused block after block: a fresh context per
     * block (what {@code Zstd.compress} does) allocates and clears its tables each time, which made
     * sealing 2-3x slower on 32 KiB blocks.
     */
    private static final ThreadLocal<ZstdCompressCtx> CONTEXT = ThreadLocal.withInitial(ZstdCompressCtx::new);
    /**
     * zstd's output space, one per sending thread, reused block after block; what a block compressed
     * to is copied out at its own length. Why: a new array of zstd's bound (the block's size and a
     * little more) per block made a tree's full pass allocate 620 MB to send 316 MB, and a batch of
     * well-compressed blocks held a block-sized array for each of them until answered (a 16 MiB batch
     * of 5x text held 80 MB) which the young collections copied; the copy out costs less than clearing
     * that array did.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private BlockSealer() {
    }

    /**
     * Whether {@code data[0..length)} looks too random for a zstd attempt to pay ({@link
     * Compressibility}): the verdict {@link #seal(BlockId, byte[], int, int, boolean)} takes. It
     * reads 64 runs of 64 bytes spread over the block, so it costs least where the block was just
     * read: about 2 µs per 32 KiB block in the cache, about 8 µs once the block has left it
     * ({@code bench/SniffCache.java}).
     */
    public static boolean looksIncompressible(byte[] data, int length) {
        return Compressibility.looksIncompressible(data, length);
    }

    /**
     * Compresses {@code data[0..length)} and keeps the result only when it is smaller by at least
     * 1/32 (about 3%); otherwise the block travels raw and the vault does not spend time inflating it.
     * A block that {@link Compressibility} judges random is not even tried. A raw block is a view of
     * {@code data}, not a copy (a short block too), so {@code data} must stay untouched until the
     * block has been sent; a compressed one is an array of its own, of its compressed length.
     */
    public static EncodedBlock seal(BlockId id, byte[] data, int length, int level) {
        return seal(id, data, length, level, Compressibility.looksIncompressible(data, length));
    }

    /**
     * {@link #seal(BlockId, byte[], int, int)} with the sniff's verdict ({@link #looksIncompressible})
     * taken earlier, by whoever had the block in its cache: the agent's reader takes it right after
     * copying and fingerprinting the block (see {@code BlockGroupReader}).
     */
    public static EncodedBlock seal(BlockId id, byte[] data, int length, int level, boolean looksIncompressible) {
        if (looksIncompressible) {
            return new EncodedBlock(id, BlockEncoding.RAW, length, data, 0, length);
        }
        int worthIt = length - (length >> 5);
        byte[] out = scratch((int) Zstd.compressBound(length));
        ZstdCompressCtx ctx = CONTEXT.get();
        ctx.setLevel(level);
        int packed = ctx.compressByteArray(out, 0, out.length, data, 0, length);
        if (packed < worthIt) {
            return new EncodedBlock(id, BlockEncoding.ZSTD, length, Arrays.copyOf(out, packed), 0, packed);
        }
        return new EncodedBlock(id, BlockEncoding.RAW, length, data, 0, length);
    }

    /** This thread's zstd output space, of at least {@code bound} bytes. */
    private static byte[] scratch(int bound) {
        byte[] b = SCRATCH.get();
        if (b.length < bound) {
            b = new byte[bound];
            SCRATCH.set(b);
        }
        return b;
    }
}
