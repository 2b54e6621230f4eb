package io.lifeboat.repository.hashing;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 16-lane SHA-256: hashes 16 equal-length messages at once, one message per int lane of
 * a 512-bit vector (AVX-512), in the style of Intel isa-l_crypto's sha256_mb.
 *
 * <p>Only touch this class after checking that {@code jdk.incubator.vector} is in the boot
 * layer (see {@link MultiBlockSha256}); otherwise loading it throws NoClassDefFoundError.
 *
 * <p>{@link Sha256x8} is a line-for-line copy with a 256-bit species. The code is
 * duplicated on purpose: C2 only intrinsifies Vector API calls whose species is a
 * compile-time constant (a static final), and the compress method is too large to be
 * inlined into a per-species wrapper, so a shared species-parameterised version would
 * run the (extremely slow) pure-Java fallback implementation.
 */
final class Sha256x16 {
    private Sha256x16() {}

    static final VectorSpecies<Integer> S = IntVector.SPECIES_512;
    static final int LANES = 16;

    // ---- chunk loading (byte[] per lane -> word-major int[]) ----
    // Only Vector API methods that exist unchanged in JDK 17..25 are used here:
    // IntVector.fromByteArray(..., ByteOrder) would be handier but was removed in JDK 20.

    /** Byte species of the same bit size: one load = S.length() big-endian words of a lane. */
    private static final VectorSpecies<Byte> BS = ByteVector.SPECIES_512;
    /** Reverses the bytes inside every 4-byte group: big-endian -> native int order (one VPSHUFB). */
    private static final VectorShuffle<Byte> BSWAP32 =
            VectorShuffle.fromOp(BS, i -> (i & ~3) | (3 - (i & 3)));
    /** Scatter map: word k of a lane goes to w[k * LANES + lane] (word-major). */
    private static final int[] WORD_MAJOR = new int[S.length()];
    static {
        for (int k = 0; k < WORD_MAJOR.length; k++) {
            WORD_MAJOR[k] = k * LANES;
        }
    }

    /**
     * Hashes {@code src[l][srcOff[l] .. +length)} for l in 0..15 and writes each 32-byte
     * digest to {@code dst[l][dstOff[l] ..]}.
     */
    static void digest(byte[][] src, int[] srcOff, int length, byte[][] dst, int[] dstOff) {
        LaneIO.checkInputs(src, srcOff, length, LANES);
        int[] state = LaneIO.initialState(LANES);
        int[] w = new int[64 * LANES];          // message schedule, word-major

        // Whole 64-byte chunks straight from the callers' arrays.
        int fullChunks = length >>> 6;
        for (int c = 0; c < fullChunks; c++) {
            loadChunk(src, srcOff, c << 6, w);
            compress(state, w);
        }
        // Remaining bytes plus padding: 1 or 2 chunks, identical count for all lanes.
        byte[][] tails = LaneIO.paddedTails(src, srcOff, length, LANES);
        int[] zeroOff = new int[LANES];
        for (int pos = 0; pos < tails[0].length; pos += 64) {
            loadChunk(tails, zeroOff, pos, w);
            compress(state, w);
        }
        LaneIO.storeDigests(state, LANES, dst, dstOff);
    }

    /**
     * Transposes one 64-byte chunk of every lane (lane l's chunk at {@code src[l][off[l] + pos]})
     * into {@code w[0 .. 16*LANES)}, word-major, big-endian decoded: per lane a vector load,
     * an in-register byte swap and a scatter store. About 2.5x faster than a scalar
     * VarHandle loop on JDK 17, where the scalar transposition cost ~45% of total time.
     */
    private static void loadChunk(byte[][] src, int[] off, int pos, int[] w) {
        for (int lane = 0; lane < LANES; lane++) {
            byte[] b = src[lane];
            int p = off[lane] + pos;
            for (int part = 0; part < 64; part += BS.length()) {    // 1 iteration (x16), 2 (x8)
                ByteVector.fromArray(BS, b, p + part)
                        .rearrange(BSWAP32)
                        .reinterpretAsInts()
                        .intoArray(w, (part >> 2) * LANES + lane, WORD_MAJOR, 0);
            }
        }
    }

    /**
     * One SHA-256 compression for all lanes. {@code w[0..16*LANES)} holds the chunk
     * (word-major); the rest of {@code w} is overwritten with the expanded schedule.
     * {@code state} is word-major (8 x LANES) and is updated in place.
     */
    static void compress(int[] state, int[] w) {
        // Message schedule W[16..63], kept in the int[] (L1-resident, 4 KiB) rather than in
        // an IntVector[]: arrays of vectors would force boxing and kill performance.
        for (int t = 16; t < 64; t++) {
            IntVector w2 = IntVector.fromArray(S, w, (t - 2) * LANES);
            IntVector w15 = IntVector.fromArray(S, w, (t - 15) * LANES);
            // sigma1(x) = ROTR17 ^ ROTR19 ^ SHR10 ; sigma0(x) = ROTR7 ^ ROTR18 ^ SHR3
            IntVector s1 = w2.lanewise(VectorOperators.ROR, 17)
                    .lanewise(VectorOperators.XOR, w2.lanewise(VectorOperators.ROR, 19))
                    .lanewise(VectorOperators.XOR, w2.lanewise(VectorOperators.LSHR, 10));
            IntVector s0 = w15.lanewise(VectorOperators.ROR, 7)
                    .lanewise(VectorOperators.XOR, w15.lanewise(VectorOperators.ROR, 18))
                    .lanewise(VectorOperators.XOR, w15.lanewise(VectorOperators.LSHR, 3));
            s1.add(IntVector.fromArray(S, w, (t - 7) * LANES))
                    .add(s0)
                    .add(IntVector.fromArray(S, w, (t - 16) * LANES))
                    .intoArray(w, t * LANES);
        }

        IntVector a = IntVector.fromArray(S, state, 0);
        IntVector b = IntVector.fromArray(S, state, LANES);
        IntVector c = IntVector.fromArray(S, state, 2 * LANES);
        IntVector d = IntVector.fromArray(S, state, 3 * LANES);
        IntVector e = IntVector.fromArray(S, state, 4 * LANES);
        IntVector f = IntVector.fromArray(S, state, 5 * LANES);
        IntVector g = IntVector.fromArray(S, state, 6 * LANES);
        IntVector h = IntVector.fromArray(S, state, 7 * LANES);
        // Maj(a,b,c) = b ^ ((a^b) & (b^c)); this round's b^c is the previous round's a^b,
        // so carrying it saves one op per round.
        IntVector bc = b.lanewise(VectorOperators.XOR, c);

        for (int t = 0; t < 64; t++) {
            // Sigma1(e) = ROTR6 ^ ROTR11 ^ ROTR25
            IntVector sig1 = e.lanewise(VectorOperators.ROR, 6)
                    .lanewise(VectorOperators.XOR, e.lanewise(VectorOperators.ROR, 11))
                    .lanewise(VectorOperators.XOR, e.lanewise(VectorOperators.ROR, 25));
            // Ch(e,f,g) = (e & f) ^ (~e & g) = g ^ (e & (f ^ g))
            IntVector ch = g.lanewise(VectorOperators.XOR,
                    e.lanewise(VectorOperators.AND, f.lanewise(VectorOperators.XOR, g)));
            IntVector t1 = h.add(sig1).add(ch)
                    .add(IntVector.fromArray(S, w, t * LANES))
                    .add(LaneIO.K[t]);                       // scalar K[t] broadcast to all lanes
            // Sigma0(a) = ROTR2 ^ ROTR13 ^ ROTR22
            IntVector sig0 = a.lanewise(VectorOperators.ROR, 2)
                    .lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.ROR, 13))
                    .lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.ROR, 22));
            IntVector ab = a.lanewise(VectorOperators.XOR, b);
            IntVector maj = b.lanewise(VectorOperators.XOR, ab.lanewise(VectorOperators.AND, bc));
            bc = ab;

            h = g;
            g = f;
            f = e;
            e = d.add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.add(sig0).add(maj);
        }

        // Feed-forward: H(i) = H(i-1) + working variables.
        IntVector.fromArray(S, state, 0).add(a).intoArray(state, 0);
        IntVector.fromArray(S, state, LANES).add(b).intoArray(state, LANES);
        IntVector.fromArray(S, state, 2 * LANES).add(c).intoArray(state, 2 * LANES);
        IntVector.fromArray(S, state, 3 * LANES).add(d).intoArray(state, 3 * LANES);
        IntVector.fromArray(S, state, 4 * LANES).add(e).intoArray(state, 4 * LANES);
        IntVector.fromArray(S, state, 5 * LANES).add(f).intoArray(state, 5 * LANES);
        IntVector.fromArray(S, state, 6 * LANES).add(g).intoArray(state, 6 * LANES);
        IntVector.fromArray(S, state, 7 * LANES).add(h).intoArray(state, 7 * LANES);
    }
}
