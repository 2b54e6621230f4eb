import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;

/**
 * How a failover's reading thread best copies and hashes a raw block (issue 14, session 12): 1 GiB
 * of 32 KiB blocks, laid out as records of a pack in a 2 MiB range outside the heap (41-byte headers
 * between them), each block copied into an 8 MiB group buffer outside the heap (four of them, in
 * turn, as the pool's) and hashed with MessageDigest SHA-256, four ways, alternated, this thread's
 * CPU time each: as before session 12 (the range copied into a fresh heap array, blocks hashed
 * there, no group buffer), copied buffer to buffer then hashed from the group buffer (MessageDigest
 * copies a direct buffer through a 4 KiB array of its own), and copied through a 16 KiB or a 32 KiB
 * array that the digest reads too (RunReader.copyAndHash). Run it with the failover's compiler
 * directives to compile as a failover does:
 *
 *   java -XX:+UseSerialGC -XX:+UnlockDiagnosticVMOptions \
 *     -XX:CompilerDirectivesFile=lifeboat-cli/src/main/launcher/failover.directives \
 *     bench/FailoverCopyHashBench.java [ROUNDS]
 *
 * The range here stays in the core's caches between passes (a real one arrives by DMA, cold), so
 * this measures the code's own cost, not the memory traffic. No project classes needed.
 */
public class FailoverCopyHashBench {
    static final int BLOCK = 32 << 10, REC = BLOCK + 41, PER = 63, RANGE = PER * REC;
    static final int GROUP = 8 << 20;
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ByteBuffer src = ByteBuffer.allocateDirect(RANGE + 8192).alignedSlice(4096);
        byte[] r = new byte[RANGE]; new Random(1).nextBytes(r); src.put(0, r);
        ByteBuffer[] dests = new ByteBuffer[4];
        for (int i = 0; i < 4; i++) dests[i] = ByteBuffer.allocateDirect(GROUP + 8192).alignedSlice(4096);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        byte[] chunk16 = new byte[16 << 10], chunk32 = new byte[32 << 10];
        String[] names = {"old: range->heap, hash heap", "copy d->d, hash direct", "fused 16K", "fused 32K"};
        long sink = 0;
        for (int round = 0; round <= rounds; round++) {
            for (int v = 0; v < 4; v++) {
                long start = t.getCurrentThreadCpuTime();
                long bytes = 0; int g = 0, at = 0;
                while (bytes < (1L << 30)) {
                    ByteBuffer dest = dests[g & 3];
                    if (v == 0) {
                        byte[] heap = new byte[RANGE];
                        src.get(0, heap);
                        for (int k = 0; k < PER; k++) { md.update(heap, k * REC + 41, BLOCK); sink += md.digest()[0]; }
                    } else {
                        for (int k = 0; k < PER; k++) {
                            int from = k * REC + 41, to = at + k * BLOCK;
                            if (v == 1) {
                                dest.put(to, src, from, BLOCK);
                                md.update(dest.slice(to, BLOCK));
                            } else {
                                byte[] c = v == 2 ? chunk16 : chunk32;
                                for (int d = 0; d < BLOCK; d += c.length) {
                                    src.get(from + d, c, 0, c.length); md.update(c, 0, c.length); dest.put(to + d, c, 0, c.length);
                                }
                            }
                            sink += md.digest()[0];
                        }
                    }
                    bytes += (long) PER * BLOCK;
                    at += PER * BLOCK;
                    if (at + PER * BLOCK > GROUP) { at = 0; g++; }
                }
                double cpu = (t.getCurrentThreadCpuTime() - start) / 1e9;
                if (round > 0) System.out.printf("round %d %-30s %.3f CPU s per GiB%n", round, names[v], cpu);
            }
        }
        if (sink == 42) {
            System.out.println(); // keeps the digests from being optimised away
        }
    }
}
