import io.lifeboat.repository.*;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;

/**
 * What the retention after a commit costs the vault when the vault holds much more than the machine
 * committing, for bench/retention.sh. Run with the lifeboat jar on the class path: {@code java -cp
 * lifeboat.jar bench/RetentionBench.java MODE ...}.
 *
 * <ul>
 *   <li>{@code make REPO BLOCKS POINTS}: machine {@code big-1} commits POINTS points of an image of
 *       BLOCKS blocks of 64 random bytes, each point with 1% of its blocks new (the vault's own write
 *       path, {@link Repository#putBlocks} then {@link Repository#commitPoint}); nothing is pruned.</li>
 *   <li>{@code commit REPO ROUNDS KEEP}: opens REPO (keep the newest KEEP points, no grace period), then
 *       ROUNDS times machine {@code small-1} uploads 64 new blocks and commits a point of them, its
 *       retention run before the commit returns; prints per commit the calling thread's CPU seconds
 *       of the upload and of the commit (the retention in it). With KEEP 1000 no run drops a point;
 *       with KEEP 2 every run from the third drops one.</li>
 *   <li>{@code churn REPO BLOCKS KEEP ROUNDS} (issue 14, session 18): in a new REPO (keep the newest
 *       KEEP points, no grace period), machine {@code big-1} commits KEEP points of an image of BLOCKS
 *       blocks, 1% new in each, then ROUNDS more, each of which drops its oldest point: what a machine's
 *       own dropping commit costs as its points and its disk grow. Retention is queued: printed per
 *       dropping commit are the calling thread's CPU seconds of the commit (its check of every block),
 *       the process's other CPU seconds until retention is idle (its run, and the GC and JIT meanwhile),
 *       and the bytes the process read in both ({@code rchar}: the page cache included).</li>
 * </ul>
 * Prints "key value" lines.
 */
public class RetentionBench {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    static final PointMeta META = new PointMeta(0, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "crash-consistent");
    /** Seeded apart in every JVM: a fixed seed would give {@code commit} the very blocks {@code make} stored. */
    static final Random RANDOM = new Random(System.nanoTime());

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[1]);
        switch (args[0]) {
            case "make" -> make(repo, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "commit" -> commit(repo, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "churn" -> churn(repo, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("mode: make, commit or churn");
        }
    }

    static RepositoryOptions options(Path repo, int keep) {
        return RepositoryOptions.defaults().withKeepNewest(keep).withPruneGrace(Duration.ZERO)
                .withTableDir(repo.resolveSibling("cache"));
    }

    static BlockUpload block() {
        byte[] b = new byte[64];
        RANDOM.nextBytes(b);
        return new BlockUpload(BlockId.of(b), b, BlockEncoding.RAW);
    }

    /** Uploads {@code fresh} (512 to a pack) and commits a point naming {@code image}'s blocks. */
    static void point(Repository rep, String machine, List<BlockUpload> image, List<BlockUpload> fresh) {
        point(rep, machine, image, fresh, RetentionTiming.BEFORE_RETURN);
    }

    static void point(Repository rep, String machine, List<BlockUpload> image, List<BlockUpload> fresh, RetentionTiming timing) {
        for (int i = 0; i < fresh.size(); i += 512) {
            rep.putBlocks(machine, fresh.subList(i, Math.min(fresh.size(), i + 512)));
        }
        List<BlockRef> refs = new ArrayList<>(image.size());
        for (BlockUpload u : image) {
            refs.add(new BlockRef(u.id(), 64));
        }
        Entry e = new Entry("", EntryType.FILE, 0640, 1_700_000_123_000_000_001L, 64L * image.size(), null, refs);
        rep.commitPoint(machine, new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, 64, List.of(e)),
                META, timing);
    }

    /** An image of {@code blocks} new blocks, committed as machine big-1's first point. */
    static List<BlockUpload> image(Repository rep, int blocks) {
        List<BlockUpload> image = new ArrayList<>(blocks);
        for (int i = 0; i < blocks; i++) {
            image.add(block());
        }
        point(rep, "big-1", image, image);
        return image;
    }

    /**
     * Replaces 1% of the image's blocks with new ones, at distinct places (a block replaced twice in one
     * point would be uploaded and never named); returns the new blocks.
     */
    static List<BlockUpload> changeOnePercent(List<BlockUpload> image) {
        Set<Integer> places = new HashSet<>();
        while (places.size() < image.size() / 100) {
            places.add(RANDOM.nextInt(image.size()));
        }
        List<BlockUpload> fresh = new ArrayList<>();
        for (int at : places) {
            image.set(at, block());
            fresh.add(image.get(at));
        }
        return fresh;
    }

    static void make(Path repo, int blocks, int points) throws Exception {
        try (Repository rep = Repository.openLocal(repo, options(repo, 1000))) {
            List<BlockUpload> image = image(rep, blocks);
            for (int p = 1; p < points; p++) {
                List<BlockUpload> fresh = changeOnePercent(image);
                point(rep, "big-1", image, fresh);
            }
        }
        System.out.println("made " + blocks + " blocks, " + points + " points");
    }

    static void churn(Path repo, int blocks, int keep, int rounds) throws Exception {
        try (Repository rep = Repository.openLocal(repo, options(repo, keep))) {
            List<BlockUpload> image = image(rep, blocks);
            for (int p = 1; p < keep + rounds; p++) {
                List<BlockUpload> fresh = changeOnePercent(image);
                for (int i = 0; i < fresh.size(); i += 512) {
                    rep.putBlocks("big-1", fresh.subList(i, Math.min(fresh.size(), i + 512)));
                }
                long read = readBytes();
                long process = PROCESS.getProcessCpuTime();
                long t = THREADS.getCurrentThreadCpuTime();
                point(rep, "big-1", image, List.of(), RetentionTiming.QUEUED);
                long commit = THREADS.getCurrentThreadCpuTime() - t;
                if (!rep.awaitRetention(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("retention did not end in 10 minutes");
                }
                long retention = PROCESS.getProcessCpuTime() - process - commit; // its thread, and the GC and JIT meanwhile
                if (p >= keep) { // this commit's retention dropped the oldest point
                    System.out.printf("drop_%d_commit_cpu_s %.4f%n", p - keep, commit / 1e9);
                    System.out.printf("drop_%d_retention_cpu_s %.4f%n", p - keep, retention / 1e9);
                    System.out.printf("drop_%d_read_mb %.1f%n", p - keep, (readBytes() - read) / 1e6);
                }
            }
        }
    }

    /** Bytes this process has read through system calls ({@code /proc/self/io}, rchar). */
    static long readBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return 0;
    }

    static void commit(Path repo, int rounds, int keep) throws Exception {
        try (Repository rep = Repository.openLocal(repo, options(repo, keep))) {
            for (int r = 0; r < rounds; r++) {
                List<BlockUpload> image = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    image.add(block());
                }
                long t = THREADS.getCurrentThreadCpuTime();
                rep.putBlocks("small-1", image);
                long uploaded = THREADS.getCurrentThreadCpuTime();
                point(rep, "small-1", image, List.of());
                long committed = THREADS.getCurrentThreadCpuTime();
                System.out.printf("commit_%d_upload_cpu_s %.4f%n", r, (uploaded - t) / 1e9);
                System.out.printf("commit_%d_cpu_s %.4f%n", r, (committed - uploaded) / 1e9);
            }
        }
    }
}
