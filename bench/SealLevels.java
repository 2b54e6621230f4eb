import com.github.luben.zstd.ZstdDecompressCtx;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the agent's sealing ({@code BlockSealer.seal}, the sniff's verdict taken as the reader takes
 * it) costs and gives at each zstd level, on the blocks of a real folder: a tree's files cut in 32 KiB
 * blocks as a pass cuts them (each file from its start, its last block short), all-zero blocks left
 * out as a pass leaves them. Per level: the bytes sealed blocks come to on the wire (a raw block
 * counts its length), how many went compressed, the sealing thread's CPU seconds (warm: the best of
 * three rounds after one untimed), and the CPU seconds a vault spends inflating them back (the
 * repository's {@code BlockCodec} does it with one reused context, as here).
 *
 * <p>Usage: java -Xmx2g -cp lifeboat-cli/target/lifeboat.jar bench/SealLevels.java DIR [LEVEL...]
 * (levels default to 1 -1 -3; DIR's regular files are read into memory first, so keep DIR under
 * about 1 GB, as bench/tree.sh's tree is).
 */
public class SealLevels {
    static final int BLOCK = 32 * 1024;

    public static void main(String[] args) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            for (Path p : (Iterable<Path>) files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))::iterator) {
                try (InputStream in = Files.newInputStream(p)) {
                    while (true) {
                        byte[] b = in.readNBytes(BLOCK);
                        if (b.length == 0) {
                            break;
                        }
                        if (!allZero(b)) {
                            blocks.add(b); // at its own length: a short block needs no room beyond it to be sealed
                            lengths.add(b.length);
                        }
                        if (b.length < BLOCK) {
                            break;
                        }
                    }
                }
            }
        }
        int n = blocks.size();
        boolean[] sniffed = new boolean[n];
        long rawBytes = 0;
        int incompressible = 0;
        for (int i = 0; i < n; i++) {
            sniffed[i] = BlockSealer.looksIncompressible(blocks.get(i), lengths.get(i));
            rawBytes += lengths.get(i);
            incompressible += sniffed[i] ? 1 : 0;
        }
        System.out.printf("%,d non-zero blocks, %,d bytes, %,d judged incompressible by the sniff%n",
                n, rawBytes, incompressible);
        int[] levels = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, -1, -3};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ZstdDecompressCtx inflater = new ZstdDecompressCtx();
        byte[] back = new byte[BLOCK];
        BlockId id = BlockId.of(new byte[32]); // the id plays no part in sealing
        for (int level : levels) {
            long wire = 0;
            int packed = 0;
            double best = Double.MAX_VALUE;
            double bestInflate = Double.MAX_VALUE;
            for (int round = 0; round < 4; round++) {
                List<EncodedBlock> sealed = new ArrayList<>(n);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    sealed.add(BlockSealer.seal(id, blocks.get(i), lengths.get(i), level, sniffed[i]));
                }
                long t1 = mx.getCurrentThreadCpuTime();
                for (EncodedBlock e : sealed) {
                    if (e.encoding() == BlockEncoding.ZSTD) {
                        inflater.decompressByteArray(back, 0, BLOCK, e.data(), e.offset(), e.length());
                    }
                }
                long t2 = mx.getCurrentThreadCpuTime();
                if (round > 0) {
                    best = Math.min(best, (t1 - t0) / 1e9);
                    bestInflate = Math.min(bestInflate, (t2 - t1) / 1e9);
                }
                wire = 0;
                packed = 0;
                for (EncodedBlock e : sealed) {
                    wire += e.length();
                    packed += e.encoding() == BlockEncoding.ZSTD ? 1 : 0;
                }
            }
            System.out.printf("level %3d: %,13d bytes (%.3f of raw), %,7d blocks compressed, seal %.2f CPU s, inflate %.2f CPU s%n",
                    level, wire, (double) wire / rawBytes, packed, best, bestInflate);
            vain(blocks, lengths, sniffed, level, id, mx);
        }
    }

    /**
     * The blocks the sniff let through that zstd then did not shrink by the 1/32 that pays, so they
     * travel raw all the same: how many, by size, and the sealing CPU spent on them alone.
     */
    static void vain(List<byte[]> blocks, List<Integer> lengths, boolean[] sniffed, int level, BlockId id, ThreadMXBean mx) {
        List<Integer> tried = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (!sniffed[i] && BlockSealer.seal(id, blocks.get(i), lengths.get(i), level, false).encoding() == BlockEncoding.RAW) {
                tried.add(i);
            }
        }
        long bytes = 0;
        int small = 0;
        for (int i : tried) {
            bytes += lengths.get(i);
            small += lengths.get(i) < 8192 ? 1 : 0;
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i : tried) {
                BlockSealer.seal(id, blocks.get(i), lengths.get(i), level, false);
            }
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        System.out.printf("           tried in vain: %,d blocks (%,d under 8 KiB), %,d bytes, seal %.2f CPU s%n",
                tried.size(), small, bytes, best);
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
