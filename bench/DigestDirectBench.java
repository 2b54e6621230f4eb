import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;

/**
 * What hashing a received pack where it lies costs against hashing it from a heap array (issue 14,
 * session 11): `MessageDigest` SHA-256 of 1 GiB of 32 KiB blocks, 64 passes over one 16 MiB pack,
 * once from a byte array and once from a buffer outside the heap (which the digest reads in 4 KiB
 * pieces through an array of its own), alternated, this thread's CPU time each. The vault hashes
 * received blocks from the buffer outside the heap their pack is written from; the difference is
 * what that piecewise copy costs per GiB.
 *
 * Usage: java bench/DigestDirectBench.java [ROUNDS]   (default 3; no project classes needed)
 */
public class DigestDirectBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int pack = 16 << 20;
        int block = 32 << 10;
        byte[] heap = new byte[pack];
        new Random(1).nextBytes(heap);
        ByteBuffer direct = ByteBuffer.allocateDirect(pack).put(0, heap);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT and is not printed
            for (boolean fromDirect : new boolean[] {false, true}) {
                long start = threads.getCurrentThreadCpuTime();
                for (int pass = 0; pass < 64; pass++) {
                    for (int at = 0; at < pack; at += block) {
                        if (fromDirect) {
                            md.update(direct.slice(at, block));
                        } else {
                            md.update(heap, at, block);
                        }
                        md.digest();
                    }
                }
                double cpu = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                if (round > 0) {
                    System.out.printf("round %d  %-28s %.3f CPU-s per GiB%n", round,
                            fromDirect ? "buffer outside the heap" : "heap array", cpu);
                }
            }
        }
    }
}
