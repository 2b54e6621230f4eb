import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.lifeboat.repository.*;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a sweep costs on a store several vault nodes share (Azure Blob, here Azurite), for
 * bench/shared_sweep.sh (issue 14, session 19). Compiled with bench/RetentionBench.java (whose points it
 * commits) and run with the lifeboat jar on the class path: {@code java -cp lifeboat.jar:CLASSES
 * SharedSweepBench STORE_URL TABLES MACHINES POINTS BLOCKS}, with AZURE_STORAGE_CONNECTION_STRING set. MACHINES machines each commit POINTS points of an image of BLOCKS
 * blocks of 64 random bytes, 1% new in each (nothing pruned: keep POINTS); then the repository is
 * opened again keeping POINTS-1 and pruned by policy: each machine's oldest point goes, its own blocks
 * are released, and the sweep looks for what the kept points of every machine still name among the
 * blocks no machine owns. Printed for that prune alone: the calling thread's and the process's CPU
 * seconds, the wall seconds, and the GET requests and bytes received per kind of file (the blob's
 * folder; "list" for the container listings), and for the other requests (PUT, DELETE, HEAD) per method
 * and folder how many and the seconds spent in them, summed over the requests (session 20); and before it
 * the GETs of the commits, per folder, their process CPU and wall (session 21); and after it, in the same
 * repository, one more commit of each machine whose retention drops its oldest point (a vault in its
 * steady state), with their GETs per folder, process CPU and wall (session 22); and last ({@link #due},
 * session 24) a prune of due condemnations while points recent to them exist. With RTT_MS
 * set, each request of the prune waits that many milliseconds first: a store's round trip, simulated.
 */
public class SharedSweepBench {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    static final Map<String, LongAdder> GETS = new ConcurrentHashMap<>();
    static final Map<String, LongAdder> BYTES = new ConcurrentHashMap<>();
    /** From RTT_MS, for the prune only: a delay before each request, as a store farther than loopback adds. */
    static volatile long rttMillis;
    static final Map<String, LongAdder> OTHERS = new ConcurrentHashMap<>();
    static final Map<String, LongAdder> OTHER_NANOS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        AzureBlobStore store = AzureBlobStore.parse(args[0]);
        Path tables = Path.of(args[1]);
        int machines = Integer.parseInt(args[2]);
        int points = Integer.parseInt(args[3]);
        int blocks = Integer.parseInt(args[4]);
        long commitProcess = PROCESS.getProcessCpuTime();
        long commitWall = System.nanoTime();
        List<List<BlockUpload>> images = new ArrayList<>();
        try (Repository rep = Repository.open(backend(store), options(tables, points))) {
            for (int m = 0; m < machines; m++) {
                List<BlockUpload> image = new ArrayList<>(blocks);
                images.add(image);
                for (int i = 0; i < blocks; i++) {
                    image.add(RetentionBench.block());
                }
                RetentionBench.point(rep, "m-" + m, image, image);
                for (int p = 1; p < points; p++) {
                    RetentionBench.point(rep, "m-" + m, image, RetentionBench.changeOnePercent(image));
                }
            }
        }
        // the commits' GETs (session 21): what each commit's refresh reads of what the others wrote, and back;
        // their process CPU and wall (the random images made between them included)
        System.out.printf("commit_process_cpu_s %.3f%n", (PROCESS.getProcessCpuTime() - commitProcess) / 1e9);
        System.out.printf("commit_wall_s %.3f%n", (System.nanoTime() - commitWall) / 1e9);
        for (String kind : new TreeSet<>(GETS.keySet())) {
            System.out.printf("commit_get_%s %d %.2f%n", kind, GETS.get(kind).sum(), BYTES.get(kind).sum() / 1e6);
        }
        try (Repository rep = Repository.open(backend(store), options(tables, points - 1))) {
            rttMillis = Long.parseLong(System.getenv().getOrDefault("RTT_MS", "0"));
            GETS.clear();
            BYTES.clear();
            OTHERS.clear();
            OTHER_NANOS.clear();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long process = PROCESS.getProcessCpuTime();
            long wall = System.nanoTime();
            PruneReport r = rep.prune(PruneRequest.byPolicy(false));
            System.out.printf("prune_cpu_s %.3f%n", (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
            System.out.printf("prune_process_cpu_s %.3f%n", (PROCESS.getProcessCpuTime() - process) / 1e9);
            System.out.printf("prune_wall_s %.3f%n", (System.nanoTime() - wall) / 1e9);
            System.out.println("prune_points " + r.removed().size());
            for (String kind : new TreeSet<>(GETS.keySet())) {
                System.out.printf("get_%s %d %.2f%n", kind, GETS.get(kind).sum(), BYTES.get(kind).sum() / 1e6);
            }
            for (String kind : new TreeSet<>(OTHERS.keySet())) {
                System.out.printf("req_%s %d %.2f%n", kind, OTHERS.get(kind).sum(), OTHER_NANOS.get(kind).sum() / 1e9);
            }
            // (session 22) a vault in its steady state: each machine commits once more, and its retention drops
            // its oldest point, so each sweep after a commit releases blocks and looks in every kept point
            rttMillis = 0;
            GETS.clear();
            BYTES.clear();
            long dropProcess = PROCESS.getProcessCpuTime();
            long dropWall = System.nanoTime();
            for (int m = 0; m < machines; m++) {
                RetentionBench.point(rep, "m-" + m, images.get(m), RetentionBench.changeOnePercent(images.get(m)));
            }
            System.out.printf("drop_process_cpu_s %.3f%n", (PROCESS.getProcessCpuTime() - dropProcess) / 1e9);
            System.out.printf("drop_wall_s %.3f%n", (System.nanoTime() - dropWall) / 1e9);
            for (String kind : new TreeSet<>(GETS.keySet())) {
                System.out.printf("drop_get_%s %d %.2f%n", kind, GETS.get(kind).sum(), BYTES.get(kind).sum() / 1e6);
            }
        }
        due(store, tables, machines, points, images);
    }

    /** The margin of the due step: a condemned pack waits this long, and points this recent are asked. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    /**
     * (session 24) A prune that deletes due condemnations while recent points exist. A sweep condemns a
     * pack (prune/ record) only when none of its blocks is owned or named any more (or it repacks one):
     * the steps above change 1% of the blocks at random places, so a dropped point's own blocks lie
     * scattered in packs that stay mostly live, and no sweep writes a record. Here each machine changes
     * the same 1% of its image at every commit (a hot region), so a point's new pack is named by that
     * point alone: its retention-dropping commits condemn it once older than the margin, the next commits
     * are points recent to that record, and the prune after the margin asks them (SharedPrune.needed): by
     * this node, or with DUE_PRUNE=other by another (a second repository object on the store).
     */
    static void due(AzureBlobStore store, Path tables, int machines, int points, List<List<BlockUpload>> images)
            throws Exception {
        RepositoryOptions opts = options(tables, points - 1).withPruneMargin(MARGIN);
        try (Repository rep = Repository.open(backend(store), opts);
                Backend lister = backend(store)) {
            for (int round = 0; round < points + 1; round++) {
                for (int m = 0; m < machines; m++) {
                    RetentionBench.point(rep, "m-" + m, images.get(m), hot(images.get(m)));
                }
                if (round == 0) {
                    Thread.sleep(MARGIN.toMillis() + 1000); // the first hot packs age past the margin
                }
            }
            List<String> records = lister.list(io.lifeboat.repository.backend.FileType.PRUNE);
            for (int m = 0; m < machines; m++) { // recent to every record written so far
                RetentionBench.point(rep, "m-" + m, images.get(m), hot(images.get(m)));
            }
            Thread.sleep(MARGIN.toMillis() + 1000); // the records are due
            // with DUE_PRUNE=other: pruned by another node (a repository object of its own, opened now),
            // which holds none of the recent points' filter parts
            boolean other = "other".equals(System.getenv("DUE_PRUNE"));
            Repository pruner = other ? Repository.open(backend(store), options(tables, points - 1).withPruneMargin(MARGIN)) : rep;
            GETS.clear();
            BYTES.clear();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long process = PROCESS.getProcessCpuTime();
            long wall = System.nanoTime();
            try {
                pruner.prune(PruneRequest.byPolicy(false));
            } finally {
                if (other) {
                    pruner.close();
                }
            }
            System.out.printf("due_cpu_s %.3f%n", (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
            System.out.printf("due_process_cpu_s %.3f%n", (PROCESS.getProcessCpuTime() - process) / 1e9);
            System.out.printf("due_wall_s %.3f%n", (System.nanoTime() - wall) / 1e9);
            for (String kind : new TreeSet<>(GETS.keySet())) {
                System.out.printf("due_get_%s %d %.2f%n", kind, GETS.get(kind).sum(), BYTES.get(kind).sum() / 1e6);
            }
            List<String> after = lister.list(io.lifeboat.repository.backend.FileType.PRUNE);
            // the records due before the prune, how many of them it deleted (their packs with them), and the records after it
            System.out.printf("due_records %d %d %d%n", records.size(), records.stream().filter(r -> !after.contains(r)).count(),
                    after.size());
        }
    }

    /** The same first 1% of the image new again (a hot region); returns the new blocks. */
    static List<BlockUpload> hot(List<BlockUpload> image) {
        List<BlockUpload> fresh = new ArrayList<>();
        for (int at = 0; at < image.size() / 100; at++) {
            image.set(at, RetentionBench.block());
            fresh.add(image.get(at));
        }
        return fresh;
    }

    static RepositoryOptions options(Path tables, int keep) {
        return RepositoryOptions.defaults().withKeepNewest(keep).withPruneGrace(Duration.ZERO)
                .withPruneMargin(Duration.ZERO).withTableDir(tables.resolve("t" + System.nanoTime()));
    }

    /** The Azure backend with a counter of GET requests and bytes received, per folder (package-private hook). */
    static Backend backend(AzureBlobStore store) throws Exception {
        HttpPipelinePolicy counter = (context, next) -> {
            if (rttMillis > 0) { // a simulated round trip (RTT_MS) before each request of the prune
                return reactor.core.publisher.Mono.delay(Duration.ofMillis(rttMillis))
                        .then(reactor.core.publisher.Mono.defer(() -> counted(context, next)));
            }
            return counted(context, next);
        };
        Method open = AzureBlobBackend.class.getDeclaredMethod("open", AzureBlobStore.class, String.class, Optional.class);
        open.setAccessible(true);
        return (Backend) open.invoke(null, store, System.getenv("AZURE_STORAGE_CONNECTION_STRING"), Optional.of(counter));
    }

    /** Counts the request (GETs: bytes received; others: seconds taken) and sends it on. */
    static reactor.core.publisher.Mono<com.azure.core.http.HttpResponse> counted(com.azure.core.http.HttpPipelineCallContext context,
            com.azure.core.http.HttpPipelineNextPolicy next) {
        // the blob's folder: the path's segment after the container's, "repo%2F" in repo/<folder>/<name>
        String[] path = context.getHttpRequest().getUrl().getPath().replace("%2F", "/").split("/");
        if (context.getHttpRequest().getHttpMethod() != HttpMethod.GET) {
            // other requests: how many, and the seconds they took (summed: several may run at once)
            String kind = context.getHttpRequest().getHttpMethod() + "_" + (path.length > 4 ? path[4] : "other");
            long start = System.nanoTime();
            return next.process().map(resp -> {
                OTHERS.computeIfAbsent(kind, k -> new LongAdder()).increment();
                OTHER_NANOS.computeIfAbsent(kind, k -> new LongAdder()).add(System.nanoTime() - start);
                return resp;
            });
        }
        String query = String.valueOf(context.getHttpRequest().getUrl().getQuery());
        String kind = query.contains("comp=list") ? "list" : path.length > 4 ? path[4] : "other";
        GETS.computeIfAbsent(kind, k -> new LongAdder()).increment();
        return next.process().map(resp -> {
            String length = resp.getHeaderValue("Content-Length");
            BYTES.computeIfAbsent(kind, k -> new LongAdder()).add(length == null ? 0 : Long.parseLong(length));
            return resp;
        });
    }
}
