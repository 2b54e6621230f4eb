package io.lifeboat.repository.hashing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Scalar helpers shared by the multi-lane SHA-256 kernels: constants, SHA-256 padding
 * and digest output.
 *
 * <p>Deliberately contains NO reference to {@code jdk.incubator.vector}, so it can be
 * loaded (and the scalar fallback can run) when that module is not in the boot layer.
 *
 * <p>Layout convention used throughout: a "word-major" int[] holds word {@code w} of
 * lane {@code l} at index {@code w * lanes + l}. That way all lanes' copies of one
 * message word are contiguous and become a single plain {@code IntVector.fromArray}.
 */
final class LaneIO {
    private LaneIO() {}

    /** Big-endian int view of a byte[]; C2 compiles accesses to a single MOVBE/BSWAP store. */
    private static final VarHandle BE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** SHA-256 round constants (FIPS 180-4, 4.2.2). */
    static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
    };

    /** SHA-256 initial hash value H(0) (FIPS 180-4, 5.3.3). */
    static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    };

    /** Fills a word-major state array (8 words x lanes) with the initial hash value. */
    static int[] initialState(int lanes) {
        int[] state = new int[8 * lanes];
        for (int w = 0; w < 8; w++) {
            java.util.Arrays.fill(state, w * lanes, (w + 1) * lanes, IV[w]);
        }
        return state;
    }

    /**
     * Builds the padded final chunk(s) for every lane: the {@code length % 64} trailing
     * message bytes, the 0x80 terminator, zeros, and the 64-bit big-endian bit length.
     * All lanes have the same length, so all get the same number (1 or 2) of tail chunks.
     */
    static byte[][] paddedTails(byte[][] src, int[] off, int length, int lanes) {
        int rem = length & 63;
        int tailLen = rem < 56 ? 64 : 128;       // need room for 0x80 + 8 length bytes
        long bitLen = (long) length << 3;
        byte[][] tails = new byte[lanes][];
        for (int lane = 0; lane < lanes; lane++) {
            byte[] t = new byte[tailLen];
            System.arraycopy(src[lane], off[lane] + length - rem, t, 0, rem);
            t[rem] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                t[tailLen - 1 - i] = (byte) (bitLen >>> (8 * i));
            }
            tails[lane] = t;
        }
        return tails;
    }

    /** Writes lane {@code l}'s 8 state words big-endian to {@code dst[l][dstOff[l] ..+32)}. */
    static void storeDigests(int[] state, int lanes, byte[][] dst, int[] dstOff) {
        for (int lane = 0; lane < lanes; lane++) {
            byte[] d = dst[lane];
            int p = dstOff[lane];
            Objects.checkFromIndexSize(p, 32, d.length);
            for (int w = 0; w < 8; w++) {
                BE_INT.set(d, p + 4 * w, state[w * lanes + lane]);
            }
        }
    }

    /** Range-checks all lanes' inputs once, so kernels fail fast with a clear exception. */
    static void checkInputs(byte[][] src, int[] off, int length, int lanes) {
        for (int lane = 0; lane < lanes; lane++) {
            Objects.checkFromIndexSize(off[lane], length, src[lane].length);
        }
    }
}
