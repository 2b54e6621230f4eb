package io.lifeboat.agent.protect;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * A block's 128-bit change fingerprint: XXH3-128 seeded with the agent's secret {@link
 * FingerprintKey}. It decides "unchanged since the last point", never a block's name (that is
 * SHA-256).
 *
 * <p>Why XXH3-128 and a key: the fingerprint must not be forgeable by content. The CRC-32C +
 * CRC-32 pair used before was linear, so one fixed 9-byte XOR pattern left both unchanged in any
 * block. XXH3 mixes with 64-bit multiplications of data XOR key material, so a change that keeps
 * the fingerprint cannot be built without the key; 128 bits put accidental matches out of reach
 * too. hash4j's implementation is pure Java (no {@code Unsafe}), so it runs on any JDK, and
 * hashes at several GB/s per core once compiled.
 */
final class BlockFingerprint {
    private final Hasher128 hasher;

    BlockFingerprint(FingerprintKey key) {
        this.hasher = Hashing.xxh3_128(key.seed());
    }

    /** The fingerprint of {@code data[offset, offset + length)}. */
    Fingerprint of(byte[] data, int offset, int length) {
        HashValue128 h = hasher.hashBytesTo128Bits(data, offset, length);
        return new Fingerprint(h.getMostSignificantBits(), h.getLeastSignificantBits());
    }

    /** 128 bits, as two longs. */
    record Fingerprint(long high, long low) {
    }
}
