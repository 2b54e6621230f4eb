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
 * </ul>
 * Prints "key value" lines.
 */
public class RetentionBench {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final PointMeta META = new PointMeta(0, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "crash-consistent");
    /** Seeded apart in every JVM: a fixed seed would give {@code commit} the very blocks {@code make} stored. */
    static final Random RANDOM = new Random(System.nanoTime());

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[1]);
        switch (args[0]) {
            case "make" -> make(repo, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "commit" -> commit(repo, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("mode: make or commit");
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
        for (int i = 0; i < fresh.size(); i += 512) {
            rep.putBlocks(machine, fresh.subList(i, Math.min(fresh.size(), i + 512)));
        }
        List<BlockRef> refs = new ArrayList<>(image.size());
        for (BlockUpload u : image) {
            refs.add(new BlockRef(u.id(), 64));
        }
        Entry e = new Entry("", EntryType.FILE, 0640, 1_700_000_123_000_000_001L, 64L * image.size(), null, refs);
        rep.commitPoint(machine, new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, 64, List.of(e)),
                META, RetentionTiming.BEFORE_RETURN);
    }

    static void make(Path repo, int blocks, int points) throws Exception {
        try (Repository rep = Repository.openLocal(repo, options(repo, 1000))) {
            List<BlockUpload> image = new ArrayList<>(blocks);
            for (int i = 0; i < blocks; i++) {
                image.add(block());
            }
            point(rep, "big-1", image, image);
            for (int p = 1; p < points; p++) {
                // distinct places: a block replaced twice in one point would be uploaded and never named
                Set<Integer> places = new HashSet<>();
                while (places.size() < blocks / 100) {
                    places.add(RANDOM.nextInt(blocks));
                }
                List<BlockUpload> fresh = new ArrayList<>();
                for (int at : places) {
                    image.set(at, block());
                    fresh.add(image.get(at));
                }
                point(rep, "big-1", image, fresh);
            }
        }
        System.out.println("made " + blocks + " blocks, " + points + " points");
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
