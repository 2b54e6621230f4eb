import io.lifeboat.replication.protocol.BlockSealer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * The compressibility sniff's cost per 32 KiB random block (the agent's own code, {@code
 * BlockSealer.looksIncompressible}), where the agent could take it: on blocks in the core's cache
 * (64 blocks, 2 MiB, taken over and over: the reader, just after copying and fingerprinting a
 * block) and on blocks that have left it (4,096 blocks, 128 MiB, each taken once per round: the
 * uploader thread, a window or two after the reader). Thread CPU seconds per GiB of blocks, warm
 * (after two untimed rounds), so a loaded machine does not inflate them much.
 *
 * <p>Usage: java -Xmx1g -cp lifeboat-cli/target/lifeboat.jar bench/SniffCache.java
 */
public class SniffCache {
    static final int BLOCK = 32 * 1024;
    static final int BLOCKS_PER_GIB = (1 << 30) / BLOCK;

    public static void main(String[] args) {
        byte[][] blocks = new byte[4096][BLOCK];
        Random r = new Random(1);
        for (byte[] b : blocks) {
            r.nextBytes(b);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int distinct : new int[] {64, 4096}) {
            for (int warm = 0; warm < 2; warm++) {
                round(blocks, distinct);
            }
            long t0 = mx.getCurrentThreadCpuTime();
            int random = round(blocks, distinct);
            double secs = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf("%-50s %6.3f CPU s per GiB, %4.1f us per block (%d of %d judged random)%n",
                    distinct == 64 ? "in the cache (64 blocks, 2 MiB, again and again)" : "out of it (4,096 blocks, 128 MiB)",
                    secs, secs * 1e6 / BLOCKS_PER_GIB, random, BLOCKS_PER_GIB);
        }
    }

    /** Sniffs a GiB's worth of blocks, cycling over the first {@code distinct} of them. */
    static int round(byte[][] blocks, int distinct) {
        int random = 0;
        for (int i = 0; i < BLOCKS_PER_GIB; i++) {
            if (BlockSealer.looksIncompressible(blocks[i % distinct], BLOCK)) {
                random++;
            }
        }
        return random;
    }
}
