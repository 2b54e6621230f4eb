package io.lifeboat.repository.hashing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * SHA-256 of many equal-length messages, hashed 16 (AVX-512) or 8 (AVX2) at a time in the
 * int lanes of a vector using the JDK incubator Vector API ("multi-buffer" hashing as in
 * Intel isa-l_crypto sha256_mb). Results are standard SHA-256 digests, identical to
 * {@code MessageDigest.getInstance("SHA-256")}.
 *
 * <p>Runtime requirements / fallback: the vector path is used only if the JVM was started
 * with {@code --add-modules jdk.incubator.vector} AND the preferred vector size is at least
 * 256 bits. Otherwise everything silently goes through {@link MessageDigest}. This class
 * never references jdk.incubator.vector types directly (only via {@link VectorProbe},
 * {@link Sha256x16}, {@link Sha256x8}, which are loaded lazily after the module check), so
 * it loads fine without the module.
 *
 * <p>System property {@code lifeboat.sha256.lanes} = 16 | 8 | 1 forces an implementation (1 =
 * MessageDigest); a vector choice is ignored if the module is missing.
 *
 * <p>Thread-safe: no shared mutable state (scratch is allocated per batch; the digest
 * fallback uses a per-thread MessageDigest).
 */
public final class MultiBlockSha256 {
    private MultiBlockSha256() {}

    public static final int DIGEST_LENGTH = 32;

    /** Selected lane count: 16, 8, or 1 (= MessageDigest only). */
    private static final int LANES = selectLanes();

    /**
     * A partial batch of r &lt; LANES messages is still run through the vector kernel (padding
     * the unused lanes with a duplicate of the first message) if r &gt;= this; below it
     * MessageDigest is faster. A full vector batch costs about as much as this many
     * MessageDigest calls (measured on a 2.5 GHz Cascade Lake: 16 lanes ~3.3x and 8 lanes
     * ~2x the MessageDigest throughput, so 16 lanes cost ~5 and 8 lanes ~4 digests).
     */
    private static final int MIN_VECTOR_BATCH = LANES == 16 ? 5 : 4;

    /** Set only by a test, before {@link #prepare}: the kernel then gets one bit of every batch wrong. */
    private static boolean wrongForTest;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    });

    /**
     * A process about to hash more than this (an agent's big pass, a failover) starts the kernel's
     * warm-up with {@link #prepare}: worth its second of CPU then, not for a few blocks.
     */
    public static final long WARM_UP_PAYS_AFTER_BYTES = 64L << 20;

    /** Lane count in use: 16 (AVX-512 kernel), 8 (AVX2 kernel) or 1 (MessageDigest). */
    public static int lanes() {
        return LANES;
    }

    /**
     * Starts the kernel's warm-up (once per JVM; later calls do nothing). Until it has, everything is
     * hashed with MessageDigest: the warm-up costs about a second of CPU, worth it only to a process
     * that will hash much (the vault, an agent pass that hashes a whole source), so such a caller
     * calls this first thing and the JIT compiles the kernel while the rest starts up.
     */
    public static void prepare() {
        if (BlockHasher.kernelAllowed()) { // with SHA extensions MessageDigest is faster: nothing to warm
            KernelWarmUp.startOnce(LANES);
        }
    }

    /** Lanes used right now: {@link #lanes()} once {@link KernelWarmUp} has the kernel up to speed, else 1. */
    private static int lanesNow() {
        return BlockHasher.kernelAllowed() && KernelWarmUp.ready() ? LANES : 1;
    }

    /**
     * Waits (at most {@code seconds}) for the kernel's warm-up to decide; true when the vector
     * kernel is in use. Benchmarks and tests call this; the hot path never waits.
     */
    public static boolean awaitKernel(long seconds) throws InterruptedException {
        if (!BlockHasher.kernelAllowed()) {
            return false;
        }
        prepare();
        return KernelWarmUp.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Human-readable description of the selected implementation, e.g. for a startup log. */
    public static String implementation() {
        if (!BlockHasher.kernelAllowed()) {
            return "MessageDigest (the CPU has SHA extensions)";
        }
        if (LANES == 1) {
            return "MessageDigest (jdk.incubator.vector not in use)";
        }
        String kernel = "Vector API " + LANES + "x32-bit lanes (" + (LANES * 32) + "-bit vectors)";
        switch (KernelWarmUp.outcome()) {
            case KERNEL:
                return kernel;
            case DIGEST_FASTER:
                return "MessageDigest (faster on this CPU than the " + kernel + " kernel)";
            case NO_CLEAR_WINNER:
                return "MessageDigest (the " + kernel + " kernel did not prove faster in its warm-up)";
            case KERNEL_FAILED:
                return "MessageDigest (the " + kernel + " kernel failed in its warm-up; the log says why)";
            case KERNEL_WRONG:
                return "MessageDigest (the " + kernel + " kernel's digests differed from MessageDigest's in its"
                        + " warm-up: never used)";
            default:
                return kernel + ", MessageDigest until its warm-up is done";
        }
    }

    /**
     * Hashes {@code count} messages of equal {@code length}: message i =
     * {@code msgs[i][offsets[i] .. +length)}, digest written to {@code out[i][outOffsets[i] .. +32)}.
     * Arrays may repeat (e.g. all messages slices of one buffer).
     */
    public static void digest(byte[][] msgs, int[] offsets, int length, int count,
                              byte[][] out, int[] outOffsets) {
        digest(lanesNow(), msgs, offsets, length, count, out, outOffsets);
    }

    /**
     * Hashes {@code count} messages held in buffers, each from its position to its limit (positions
     * are left as they were), into {@code out[i][0 .. 32)}; the lengths may differ. With {@link
     * MessageDigest} (a CPU with SHA extensions) each is hashed where it lies: a buffer outside the
     * heap is read in the digest's own small pieces, which stay in the cache. With the vector kernel,
     * messages of one length are hashed together, those outside the heap first copied into arrays
     * that are reused from one group of lanes to the next.
     */
    public static void digest(ByteBuffer[] msgs, int count, byte[][] out) {
        digest(lanesNow(), msgs, count, out);
    }

    /** {@link #digest(ByteBuffer[], int, byte[][])} with an explicit lane count; for tests. */
    static void digest(int lanes, ByteBuffer[] msgs, int count, byte[][] out) {
        if (lanes == 1) {
            MessageDigest md = SHA256.get();
            for (int i = 0; i < count; i++) {
                md.update(msgs[i].duplicate());
                digestInto(md, out[i], 0);
            }
            return;
        }
        boolean[] done = new boolean[count];
        int[] group = new int[count];
        for (int first = 0; first < count; first++) {
            if (done[first]) {
                continue;
            }
            int length = msgs[first].remaining();
            int n = 0;
            for (int i = first; i < count; i++) {
                if (!done[i] && msgs[i].remaining() == length) {
                    group[n++] = i;
                    done[i] = true;
                }
            }
            digestGroup(lanes, msgs, group, n, length, out);
        }
    }

    /** Messages {@code group[0 .. n)} of {@code msgs}, all {@code length} bytes, a vector's lanes at a time. */
    private static void digestGroup(int lanes, ByteBuffer[] msgs, int[] group, int n, int length, byte[][] out) {
        byte[][] scratch = new byte[lanes][];
        for (int from = 0; from < n; from += lanes) {
            int k = Math.min(lanes, n - from);
            byte[][] src = new byte[k][];
            int[] srcOff = new int[k];
            byte[][] dst = new byte[k][];
            for (int l = 0; l < k; l++) {
                ByteBuffer m = msgs[group[from + l]];
                if (m.hasArray()) {
                    src[l] = m.array();
                    srcOff[l] = m.arrayOffset() + m.position();
                } else {
                    if (scratch[l] == null) {
                        scratch[l] = new byte[length];
                    }
                    m.get(m.position(), scratch[l]);
                    src[l] = scratch[l];
                }
                dst[l] = out[group[from + l]];
            }
            digest(lanes, src, srcOff, length, k, dst, new int[k]);
        }
    }

    private static void digestInto(MessageDigest md, byte[] out, int at) {
        try {
            md.digest(out, at, DIGEST_LENGTH); // also resets md
        } catch (java.security.DigestException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }

    /** Convenience: hashes whole arrays {@code msgs[i]} (all the same length), returns the digests. */
    public static byte[][] digest(byte[]... msgs) {
        int n = msgs.length;
        int length = n == 0 ? 0 : msgs[0].length;
        for (byte[] m : msgs) {
            if (m.length != length) {
                throw new IllegalArgumentException("all messages must have the same length");
            }
        }
        byte[][] out = new byte[n][DIGEST_LENGTH];
        digest(lanesNow(), msgs, new int[n], length, n, out, new int[n]);
        return out;
    }

    /** Implementation with an explicit lane count; package-private for tests and benchmarks. */
    static void digest(int lanes, byte[][] msgs, int[] offsets, int length, int count,
                       byte[][] out, int[] outOffsets) {
        if (length < 0 || count < 0) {
            throw new IllegalArgumentException("negative length or count");
        }
        int i = 0;
        if (lanes > 1) {
            // Full batches.
            for (; count - i >= lanes; i += lanes) {
                kernel(lanes, Arrays.copyOfRange(msgs, i, i + lanes), Arrays.copyOfRange(offsets, i, i + lanes),
                        length, Arrays.copyOfRange(out, i, i + lanes), Arrays.copyOfRange(outOffsets, i, i + lanes));
            }
            // Large enough partial batch: fill the spare lanes with copies of the first
            // message and send their digests to a throwaway buffer.
            int r = count - i;
            if (r >= MIN_VECTOR_BATCH && r > 0) {
                byte[][] src = new byte[lanes][];
                int[] srcOff = new int[lanes];
                byte[][] dst = new byte[lanes][];
                int[] dstOff = new int[lanes];
                byte[] sink = new byte[DIGEST_LENGTH];
                for (int l = 0; l < lanes; l++) {
                    int k = l < r ? i + l : i;
                    src[l] = msgs[k];
                    srcOff[l] = offsets[k];
                    dst[l] = l < r ? out[k] : sink;
                    dstOff[l] = l < r ? outOffsets[k] : 0;
                }
                kernel(lanes, src, srcOff, length, dst, dstOff);
                i = count;
            }
        }
        // Whatever is left (or everything, without the vector module): plain MessageDigest.
        if (i < count) {
            MessageDigest md = SHA256.get();
            for (; i < count; i++) {
                md.update(msgs[i], offsets[i], length);
                try {
                    md.digest(out[i], outOffsets[i], DIGEST_LENGTH);   // also resets md
                } catch (java.security.DigestException e) {
                    throw new IllegalArgumentException("output buffer too small", e);
                }
            }
        }
    }

    /** The only place that touches the vector classes (resolved lazily, on first call). */
    private static void kernel(int lanes, byte[][] src, int[] srcOff, int length, byte[][] dst, int[] dstOff) {
        if (lanes == 16) {
            Sha256x16.digest(src, srcOff, length, dst, dstOff);
        } else if (lanes == 8) {
            Sha256x8.digest(src, srcOff, length, dst, dstOff);
        } else {
            throw new IllegalArgumentException("unsupported lane count " + lanes);
        }
        if (wrongForTest) {
            dst[0][dstOff[0]] ^= 1;
        }
    }

    /** Test hook: makes the vector kernel produce a wrong digest, so the warm-up's self-check must refuse it. */
    static void makeKernelWrongForTest() {
        wrongForTest = true;
    }

    /** True if jdk.incubator.vector was resolved into the boot layer (--add-modules ...). */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static int selectLanes() {
        if (!vectorModulePresent()) {
            return 1;
        }
        int bits;
        try {
            bits = VectorProbe.preferredIntBits();
        } catch (LinkageError e) {    // defensive: module visible but not readable, etc.
            return 1;
        }
        int auto = bits >= 512 ? 16 : bits >= 256 ? 8 : 1;
        String forced = System.getProperty("lifeboat.sha256.lanes");
        if (forced != null) {
            int f = Integer.parseInt(forced.trim());
            if (f != 1 && f != 8 && f != 16) {
                throw new IllegalArgumentException("lifeboat.sha256.lanes must be 1, 8 or 16: " + forced);
            }
            return f;
        }
        return auto;
    }
}
