import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.agent.VaultResponse;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.ChunkedCommit;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.repository.*;
import io.vertx.core.http.HttpMethod;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * The vault's cost of ingesting blocks, for bench/vault_ingest.sh (issue 14). The agent's work is
 * excluded: every upload body (16 MiB batches of 32 KiB random blocks, raw, as the agent sends
 * incompressible data) is built before the clock starts, and 256 MiB (system property warmUpMiB) are uploaded
 * and committed first, untimed, so the vault's JIT has compiled its hot paths and its commit path (a steady-state figure, as a vault serving many machines
 * runs). Timed: the real HTTPS route of a running
 * `vault serve` process on loopback, two batches in flight, then the manifest chunks and the commit
 * (so the group commit's sync is counted). The vault's CPU time is read from /proc/PID/stat before
 * and after, and that of its JIT compiler threads apart. Prints "bytes seconds vault_cpu_s jit_cpu_s".
 * With the system property passes=N (default 1) it times N passes in a row, each SIZE_MIB of new
 * blocks and its own commit (a second image), one such line each: what a vault that keeps running
 * spends on its agents' second, third full pass. With freshConnections=true each timed pass opens
 * its own client (new TLS connections, handshakes included) and closes it before the clock stops, as
 * an agent's pass does: the vault's per-connection costs (its JIT's traps at a connection's start
 * and end) fall in the window instead of being paid once by the one client the passes share.
 *
 * Usage: java -cp lifeboat.jar VaultIngestBench.java AGENT_DIR VAULT_PID SIZE_MIB
 */
public class VaultIngestBench {
    static final int BLOCK = 32 * 1024;
    static final int PER_BATCH = 512; // 16 MiB, as the agent batches
    /** Sent before the first timed pass: the vault's JIT compiles its hot paths (about a second of CPU) on these. */
    static final int WARM_UP_BATCHES = Integer.getInteger("warmUpMiB", 256) / 16;

    public static void main(String[] args) throws Exception {
        AgentLayout agent = new AgentLayout(Path.of(args[0]));
        long pid = Long.parseLong(args[1]);
        int mib = Integer.parseInt(args[2]);
        int passes = Integer.getInteger("passes", 1);
        boolean fresh = Boolean.getBoolean("freshConnections");
        SplittableRandom rnd = new SplittableRandom(System.nanoTime());
        try (VaultClient c = VaultClient.open(agent)) {
            String machine = c.machine();
            c.health(); // connected and warm before the clock starts
            String path = ReplicationPaths.of(ReplicationPaths.BLOCKS, machine);
            // the warm-up commits its blocks too: a vault's commit path (manifest chunks, the check of
            // every block, JSON, the group sync) runs at every pass, and its first compilation would
            // otherwise land in the timed window. Its bodies are made 1 GiB at a time (the bench's heap).
            List<BlockRef> warmUpRefs = new ArrayList<>();
            long warmUpBytes = 0;
            for (int left = WARM_UP_BATCHES; left > 0; left -= 64) {
                warmUpBytes += upload(c, path, batches(rnd, Math.min(64, left), warmUpRefs)); // two in flight, as timed
            }
            if (!warmUpRefs.isEmpty()) {
                commit(c, machine, "/bench/warm-up.img", warmUpRefs, warmUpBytes);
            }
            for (int p = 0; p < passes; p++) {
                List<BlockRef> refs = new ArrayList<>();
                List<byte[]> bodies = batches(rnd, mib / 16, refs); // built before the clock starts
                Thread.sleep(5000); // let the JIT's compile threads finish what the last pass queued
                // the same image each pass, all of it new: an agent's next full pass of a changed disk
                timedPass(fresh ? null : c, agent, pid, machine, path, bodies, refs, "/bench/ingest.img");
            }
        }
        System.exit(0);
    }

    /** {@code count} upload bodies of {@link #PER_BATCH} new random blocks each; their refs added to {@code refs}. */
    static List<byte[]> batches(SplittableRandom rnd, int count, List<BlockRef> refs) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<EncodedBlock> blocks = new ArrayList<>(PER_BATCH);
            for (int i = 0; i < PER_BATCH; i++) {
                byte[] data = new byte[BLOCK];
                for (int k = 0; k < BLOCK; k += 8) {
                    long v = rnd.nextLong();
                    for (int j = 0; j < 8; j++) {
                        data[k + j] = (byte) (v >>> (8 * j));
                    }
                }
                BlockId id = BlockId.of(data);
                blocks.add(new EncodedBlock(id, BlockEncoding.RAW, BLOCK, data));
                refs.add(new BlockRef(id, BLOCK));
            }
            bodies.add(BlockBatchCodec.encode(blocks));
        }
        return bodies;
    }

    /**
     * One timed pass: the uploads and the commit; its lines on stderr (per thread) and stdout (the
     * sums). Over {@code shared}, or when that is null over a client of its own, opened and closed
     * in the window.
     */
    static void timedPass(VaultClient shared, AgentLayout agent, long pid, String machine, String path, List<byte[]> bodies,
            List<BlockRef> refs, String source) throws Exception {
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        long cpu0 = cpuTicks(pid);
        long jit0 = jitTicks(pid);
        Map<String, Long> threads0 = threadTicks(pid);
        long t0 = System.nanoTime();
        long wall0 = System.currentTimeMillis();
        VaultClient c = shared != null ? shared : VaultClient.open(agent);
        upload(c, path, bodies);
        commit(c, machine, source, refs, bytes);
        if (shared == null) {
            c.close();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuTicks(pid) - cpu0) / 100.0; // USER_HZ is 100 on Linux
        double jit = (jitTicks(pid) - jit0) / 100.0;
        Map<String, Long> threads1 = threadTicks(pid); // before the summary line: the script reads both once that is out
        // to pick the timed window's events out of a recording of the vault (bench/vault_jit.sh)
        System.err.printf(Locale.ROOT, "timed window (epoch ms) %d %d%n", wall0, System.currentTimeMillis());
        threads1.forEach((k, v) -> System.err.printf(Locale.ROOT, "vault thread %-18s %6.2f s%n", k,
                (v - threads0.getOrDefault(k, 0L)) / 100.0));
        System.out.printf(Locale.ROOT, "%d %.3f %.2f %.2f%n", bytes, secs, cpu, jit);
        System.out.flush();
    }

    /** Uploads the batches, two in flight (as the agent sends); returns their bytes. */
    static long upload(VaultClient c, String path, List<byte[]> bodies) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<?>> sent = new ArrayList<>();
        for (byte[] body : bodies) {
            sent.add(two.submit(() -> c.send(HttpMethod.POST, path, body,
                    Map.of("Content-Type", ReplicationPaths.OCTETS)).requireOk("upload")));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        two.shutdown();
        return bodies.stream().mapToLong(b -> b.length).sum();
    }

    /** Sends the manifest of {@code refs} (one image) in chunks, then commits the point. */
    static void commit(VaultClient c, String machine, String source, List<BlockRef> refs, long bytes) throws Exception {
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, source, SourceKind.IMAGE, BLOCK,
                List.of(new Entry("", EntryType.FILE, 0644, 0, (long) refs.size() * BLOCK, null, refs)));
        List<String> chunks = new ArrayList<>();
        ManifestChunker.write(m, stored -> chunks.add(ReplicationJson.chunkName(c.send(HttpMethod.POST,
                ReplicationPaths.of(ReplicationPaths.CHUNKS, machine), stored,
                Map.of("Content-Type", ReplicationPaths.OCTETS)).requireOk("chunk").body())));
        ChunkedCommit commit = new ChunkedCommit(bytes, "crash-consistent", ManifestHeader.of(m), chunks);
        c.send(HttpMethod.POST, ReplicationPaths.of(ReplicationPaths.POINTS, machine), commit.encode(),
                Map.of("Content-Type", ReplicationPaths.CHUNKED_COMMIT)).requireOk("commit");
    }

    /**
     * utime + stime of the process's JIT compiler threads: on a busy machine C2 is still compiling
     * after the warm-up, a cost a long-running vault has paid once, long before; reported apart.
     */
    static long jitTicks(long pid) throws Exception {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).startsWith("C")
                            && Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        String stat = Files.readString(t.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException gone) {
                    // a compiler thread that ended: its time is in the process's total still
                }
            }
        }
        return sum;
    }

    /** CPU ticks per kind of thread (the thread name without its number). */
    static Map<String, Long> threadTicks(long pid) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("[-#]?[0-9]+$", "");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (java.io.IOException gone) {
                    // ended
                }
            }
        }
        return out;
    }

    /** utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15). */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
