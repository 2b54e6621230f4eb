package io.lifeboat.replication.protocol;

/**
 * A cheap guess, before spending a zstd attempt, at whether a block is worth compressing.
 *
 * <p>It samples 64 runs of 64 bytes spread evenly over the block (4 KiB in all) and computes their
 * order-0 entropy. Random-looking bytes (encrypted or already-compressed data, the bulk of a disk
 * image that does not compress) come out near 8 bits per byte; anything zstd can shrink by the
 * few percent that pays (text, code, tables, zero-padded sectors) comes out well below. Only
 * blocks above {@link #INCOMPRESSIBLE_BITS} skip the attempt. The sample is spread so that a block
 * that is partly zeros or text is still tried. What it cannot see, high-entropy bytes that repeat
 * within the block, travels raw: the cost is bytes on the wire, never correctness.
 *
 * <p>Why bother: a zstd attempt on a random 32 KiB block costs about 25 µs, the sniff about 3 µs,
 * and on a typical image half of the bytes are incompressible.
 */
final class Compressibility {
    /** Entropy of 4096 uniformly random bytes is about 7.95 bits; text is 4-5, machine code 6-7. */
    static final double INCOMPRESSIBLE_BITS = 7.8;
    private static final int RUNS = 64;
    private static final int RUN_BYTES = 64;
    private static final int SAMPLE = RUNS * RUN_BYTES;
    /** n * log2(n) for every count a sample can reach, so the entropy costs no logarithms. */
    private static final double[] N_LOG2_N = new double[SAMPLE + 1];
    /**
     * Each thread's byte counts, cleared before each use. Why not a new array per block: the agent's
     * readers sniff every changed block, and 1 KiB of counts per 32 KiB block was 34 MB of garbage per
     * GiB read, a tenth of what the pass allocates, each young collection copying the block arrays
     * still in flight.
     */
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[256]);

    static {
        for (int n = 1; n <= SAMPLE; n++) {
            N_LOG2_N[n] = n * (Math.log(n) / Math.log(2));
        }
    }

    private Compressibility() {
    }

    /** True when {@code data[0..length)} looks random enough that zstd would not pay. */
    static boolean looksIncompressible(byte[] data, int length) {
        if (length < SAMPLE * 2) {
            return false; // small blocks are cheap to try
        }
        int[] counts = COUNTS.get();
        java.util.Arrays.fill(counts, 0);
        int stride = length / RUNS;
        for (int r = 0; r < RUNS; r++) {
            int start = r * stride;
            for (int i = start; i < start + RUN_BYTES; i++) {
                counts[data[i] & 0xff]++;
            }
        }
        return entropyBits(counts, SAMPLE) > INCOMPRESSIBLE_BITS;
    }

    /** Order-0 entropy in bits per byte: log2(N) - sum(n log2 n) / N. */
    static double entropyBits(int[] counts, int total) {
        double sum = 0;
        for (int c : counts) {
            sum += N_LOG2_N[c];
        }
        return N_LOG2_N[total] / total - sum / total;
    }
}
