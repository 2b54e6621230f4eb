import io.lifeboat.repository.*;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;
import java.util.*;

/**
 * The vault's CPU for a point sent as a delta of its parent, for bench/delta_commit.sh: a tree of
 * FILES files (one small block each, in the order the agent lists them) committed whole, then ROUNDS
 * points each with 1% of the files changed, committed as a delta ({@link DeltaCommit}), and as many
 * committed as whole manifests (what the vault did before deltas: {@link Repository#commitPoint}),
 * alternated. Each commit's CPU-seconds are this thread's (the commit runs on it), so the other
 * builds on the machine change them little. A whole commit runs retention before it returns; a delta
 * commit runs it as the vault does: on a build with {@code RetentionTiming} (session 15) after the
 * commit returned, on the retention thread (not counted: what the vault's answer waits for), on an
 * older build before it returns (counted). Prints one line per commit:
 * "delta|whole ROUND CPU_SECONDS", then the medians of the rounds after the first (the first pays
 * for class loading and the interpreter, as a fresh vault's first delta does), and the median wall time of
 * the delta commits (what the answer waits for, fsyncs included).
 *
 * <p>Usage: java -cp lifeboat.jar bench/DeltaCommitBench.java REPO [FILES] [ROUNDS]
 */
public class DeltaCommitBench {
    static final int BS = 32 << 10;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 46_796;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Random random = new Random(14);
        PointMeta meta = new PointMeta(0, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash");
        try (Repository repo = Repository.openLocal(dir, RepositoryOptions.defaults())) {
            List<Entry> entries = new ArrayList<>();
            entries.add(new Entry("", EntryType.DIRECTORY, 0755, 0, 0, null, List.of()));
            List<Integer> fileAt = new ArrayList<>();
            List<BlockUpload> uploads = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                if (i % 100 == 0) {
                    entries.add(new Entry(String.format("usr/share/d%04d", i / 100), EntryType.DIRECTORY, 0755, 0, 0, null, List.of()));
                }
                fileAt.add(entries.size());
                entries.add(file(i, 0, random, uploads));
                if (uploads.size() == 4096) {
                    repo.putBlocks("m", uploads);
                    uploads.clear();
                }
            }
            entries.add(1, new Entry("usr", EntryType.DIRECTORY, 0755, 0, 0, null, List.of()));
            entries.add(2, new Entry("usr/share", EntryType.DIRECTORY, 0755, 0, 0, null, List.of()));
            fileAt.replaceAll(x -> x + 2);
            repo.putBlocks("m", uploads);
            uploads.clear();
            Manifest parent = tree(entries);
            PointInfo parentPoint = repo.commitPoint("m", parent, meta);
            double[] delta = new double[rounds];
            double[] deltaWall = new double[rounds];
            double[] whole = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < files / 100; k++) {
                    int f = random.nextInt(files);
                    entries.set(fileAt.get(f), file(f, r + 1, random, uploads));
                }
                repo.putBlocks("m", uploads);
                uploads.clear();
                Manifest child = tree(entries);
                ManifestDelta d = ManifestDelta.between(parentPoint.id(), parent, child);
                long w0 = System.nanoTime();
                long t0 = cpu.getCurrentThreadCpuTime();
                PointInfo made = commitAsTheVault(repo, d, meta);
                delta[r] = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
                deltaWall[r] = (System.nanoTime() - w0) / 1e9;
                awaitRetention(repo);
                t0 = cpu.getCurrentThreadCpuTime();
                repo.commitPoint("m", child, meta);
                whole[r] = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
                System.out.printf("delta %d %.3f%nwhole %d %.3f%n", r, delta[r], r, whole[r]);
                parent = child;
                parentPoint = made;
            }
            System.out.printf("delta-median %.3f%nwhole-median %.3f%ndelta-wall-median %.3f%n", median(delta), median(whole),
                    median(deltaWall));
        }
    }

    /** The vault's delta commit: retention after it returns where the build can (found by reflection, so older jars run). */
    static PointInfo commitAsTheVault(Repository repo, ManifestDelta d, PointMeta meta) throws Exception {
        try {
            Class<?> timing = Class.forName("io.lifeboat.repository.RetentionTiming");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object queued = Enum.valueOf((Class) timing, "QUEUED");
            return (PointInfo) DeltaCommit.class.getMethod("commit", Repository.class, String.class, ManifestDelta.class,
                    PointMeta.class, timing).invoke(null, repo, "m", d, meta, queued);
        } catch (ClassNotFoundException e) {
            return DeltaCommit.commit(repo, "m", d, meta);
        }
    }

    static void awaitRetention(Repository repo) throws Exception {
        try {
            Repository.class.getMethod("awaitRetention", java.time.Duration.class).invoke(repo, java.time.Duration.ofMinutes(5));
        } catch (NoSuchMethodException e) {
            // an older build: retention ran before the commit returned
        }
    }

    static Entry file(int i, int version, Random random, List<BlockUpload> uploads) {
        byte[] body = new byte[1024 + random.nextInt(BS - 1024)];
        random.nextBytes(body);
        BlockId id = BlockId.of(body);
        uploads.add(new BlockUpload(id, body, BlockEncoding.RAW));
        return new Entry(String.format("usr/share/d%04d/file-%06d.txt", i / 100, i), EntryType.FILE, 0644,
                1_700_000_000_000_000_000L + version, body.length, null, List.of(new BlockRef(id, body.length)));
    }

    static Manifest tree(List<Entry> entries) {
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/tree", SourceKind.DIRECTORY, BS, entries);
    }

    static double median(double[] all) {
        double[] later = Arrays.copyOfRange(all, 1, all.length);
        Arrays.sort(later);
        return later[later.length / 2];
    }
}
