package io.lifeboat.agent.protect;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A block's 64-bit change fingerprint: CRC-32C in the high half, CRC-32 in the low half.
 *
 * <p>Why two CRCs rather than a faster-looking hash in Java: both run as JVM intrinsics (carry-less
 * multiply) from the first call, interpreted or compiled, at several GB/s, so a cold agent pays
 * nothing to the JIT for them. Their generator polynomials differ, so a change goes unseen only if
 * it is a multiple of both: about 1 in 2^64 for a change that is not built to collide. It decides
 * "unchanged since the last point", never a block's name (that is SHA-256).
 */
final class BlockFingerprint {
    private BlockFingerprint() {
    }

    static long of(byte[] data, int length) {
        return of(ByteBuffer.wrap(data, 0, length));
    }

    /** The fingerprint of {@code block}'s remaining bytes, in the heap or not; its position does not move. */
    static long of(ByteBuffer block) {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(block.duplicate());
        CRC32 ieee = new CRC32();
        ieee.update(block.duplicate());
        return castagnoli.getValue() << 32 | ieee.getValue();
    }
}
