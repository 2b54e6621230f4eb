import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The agent's reading work per GiB, step by step, on one thread, warm (each step timed on its own
 * pass over the file, after two untimed passes): positional reads of 16 blocks of 32 KiB into a
 * buffer outside the heap, the zero check, the copy of each block into a heap array, the XXH3-128
 * fingerprint (hash4j, as the agent's) and SHA-256 (MessageDigest). Thread CPU seconds, so a
 * loaded machine does not inflate them much. The file should be in the page cache.
 *
 * <p>Usage: java -cp lifeboat-cli/target/lifeboat.jar bench/AgentReadFloor.java FILE
 */
public class AgentReadFloor {
    static final int BLOCK = 32 * 1024;
    static final int SLICE = 16;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] steps = {"read", "read+zero check", "read+zero+copy", "read+zero+copy+XXH3", "read+zero+copy+SHA-256"};
        for (int step = 0; step < steps.length; step++) {
            for (int warm = 0; warm < 2; warm++) {
                pass(file, step);
            }
            long t0 = mx.getCurrentThreadCpuTime();
            long bytes = pass(file, step);
            double secs = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf("%-26s %6.3f CPU s per GiB%n", steps[step], secs * (1L << 30) / bytes);
        }
    }

    static long sink;

    static long pass(Path file, int step) throws Exception {
        ByteBuffer slice = ByteBuffer.allocateDirect(SLICE * BLOCK);
        ByteBuffer zeros = ByteBuffer.allocateDirect(BLOCK);
        byte[] heap = new byte[BLOCK];
        Hasher128 xxh3 = Hashing.xxh3_128(42);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            while (true) {
                slice.clear();
                while (slice.hasRemaining() && ch.read(slice, pos + slice.position()) >= 0) {
                }
                int got = slice.position();
                if (got == 0) {
                    return total;
                }
                for (int at = 0; at + BLOCK <= got; at += BLOCK) {
                    ByteBuffer block = slice.slice(at, BLOCK);
                    if (step >= 1) {
                        sink += block.mismatch(zeros);
                    }
                    if (step >= 2) {
                        block.get(0, heap, 0, BLOCK);
                    }
                    if (step == 3) {
                        sink += xxh3.hashBytesTo128Bits(heap, 0, BLOCK).getLeastSignificantBits();
                    }
                    if (step == 4) {
                        sha.update(heap, 0, BLOCK);
                        sink += sha.digest()[0];
                    }
                }
                total += got;
                pos += got;
                if (got < slice.capacity()) {
                    return total;
                }
            }
        }
    }
}
