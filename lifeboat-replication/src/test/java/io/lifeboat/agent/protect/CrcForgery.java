package io.lifeboat.agent.protect;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The change that the old CRC-32C + CRC-32 fingerprint could not see: XOR, at any byte offset, the
 * 65-bit product of the two generator polynomials (a 9-byte pattern). Both CRCs are linear over
 * GF(2) and the pattern is a multiple of both generators, so both CRCs of any block stay the same.
 * The JDK's CRCs take each byte's bits lowest first, so the product is laid out bit-reversed.
 */
final class CrcForgery {
    /** CRC-32 (IEEE 802.3) and CRC-32C (Castagnoli), x^32 included. */
    private static final long CRC32_POLY = 0x1_04C1_1DB7L;
    private static final long CRC32C_POLY = 0x1_1EDC_6F41L;
    /** Degree of the product: 32 + 32. */
    private static final int DEGREE = 64;
    static final int PATTERN_BYTES = 9;

    private CrcForgery() {
    }

    /** The pattern, bit k of the stream (byte k / 8, bit k % 8) holding the coefficient of x^(64 - k). */
    static byte[] pattern() {
        boolean[] product = new boolean[DEGREE + 1];
        for (int i = 0; i <= 32; i++) {
            for (int j = 0; j <= 32; j++) {
                if ((CRC32_POLY >>> i & 1) == 1 && (CRC32C_POLY >>> j & 1) == 1) {
                    product[i + j] ^= true;
                }
            }
        }
        byte[] out = new byte[PATTERN_BYTES];
        for (int k = 0; k <= DEGREE; k++) {
            if (product[DEGREE - k]) {
                out[k / 8] |= (byte) (1 << (k % 8));
            }
        }
        return out;
    }

    /** XORs the pattern into {@code data} at {@code offset}. */
    static void apply(byte[] data, int offset) {
        byte[] p = pattern();
        for (int i = 0; i < p.length; i++) {
            data[offset + i] ^= p[i];
        }
    }

    static long crc32(byte[] data, int offset, int length) {
        CRC32 c = new CRC32();
        c.update(data, offset, length);
        return c.getValue();
    }

    static long crc32c(byte[] data, int offset, int length) {
        CRC32C c = new CRC32C();
        c.update(data, offset, length);
        return c.getValue();
    }
}
