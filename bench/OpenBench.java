import io.lifeboat.repository.*;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * What opening a vault costs per stored block, for bench/open.sh. Run with the lifeboat jar on the
 * class path: {@code java -cp lifeboat.jar bench/OpenBench.java MODE ...}.
 *
 * <ul>
 *   <li>{@code make REPO BLOCKS [PER_PACK]}: stores BLOCKS distinct blocks of 64 random bytes for
 *       machine {@code dense-1} through {@link Repository#putBlocks} (the vault's own write path:
 *       one pack, its index and an ownership record per call), PER_PACK (512: a 16 MiB pack of
 *       32 KiB blocks) per pack, and 8 blocks for machine {@code small-1}. Small bodies keep the
 *       disk cheap: an open's work is per index entry, not per byte stored.</li>
 *   <li>{@code open REPO ROUNDS [MACHINE]}: opens REPO read-only for {@code small-1} (or MACHINE:
 *       {@code dense-1} reads the ownership records of every block) only (as {@code failover
 *       --machine small-1} does: every index, one machine's ownership) ROUNDS times in this JVM and
 *       prints, per open, the calling thread's CPU seconds, the whole process's (the index readers,
 *       the JIT and the collector too), the wall seconds and the minor page faults of the process. The first open is cold (class loading, the JIT), the rest warm.</li>
 *   <li>{@code split REPO ROUNDS}: the open's index work cut in steps, each timed alone over every
 *       index file (warm: each step is run ROUNDS times, the last one printed): list and read the
 *       files; the parser of the file (the JSON tree, or the binary form's check); the parse into
 *       ids and locations; the inserts into a fresh block table (and, where this build can size
 *       the table up front, the same into a table sized for every entry first).</li>
 *   <li>{@code copy-azure REPO URL}: copies the local repository REPO into the store at URL
 *       ({@code azure-blob://CONTAINER}, the connection string in {@code
 *       AZURE_STORAGE_CONNECTION_STRING}; Azurite in bench/open.sh).</li>
 *   <li>{@code open-azure URL ROUNDS [MACHINE]}: {@code open} of the repository in that store.</li>
 * </ul>
 * Prints "key value" lines; bench/open.sh runs it and formats them.
 */
public class OpenBench {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[1]);
        switch (args[0]) {
            case "make" -> make(repo, Long.parseLong(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 512);
            case "open" -> open(repo, Integer.parseInt(args[2]), args.length > 3 ? args[3] : "small-1");
            case "split" -> split(repo, Integer.parseInt(args[2]));
            case "copy-azure" -> copyToAzure(repo, args[2]);
            case "open-azure" -> openAzure(args[1], Integer.parseInt(args[2]), args.length > 3 ? args[3] : "small-1");
            default -> throw new IllegalArgumentException("mode: make, open or split");
        }
    }

    static RepositoryOptions options(Path repo, boolean readOnly) {
        return RepositoryOptions.defaults().withReadOnly(readOnly).withTableDir(repo.resolveSibling("cache"));
    }

    static void make(Path repo, long blocks, int perPack) throws Exception {
        Random r = new Random(13);
        try (Repository rep = Repository.openLocal(repo, options(repo, false))) {
            for (long done = 0; done < blocks; ) {
                int n = (int) Math.min(perPack, blocks - done);
                List<BlockUpload> ups = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] b = new byte[64];
                    r.nextBytes(b);
                    ups.add(new BlockUpload(BlockId.of(b), b, BlockEncoding.RAW));
                }
                rep.putBlocks("dense-1", ups);
                done += n;
            }
            List<BlockUpload> small = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] b = new byte[64];
                r.nextBytes(b);
                small.add(new BlockUpload(BlockId.of(b), b, BlockEncoding.RAW));
            }
            rep.putBlocks("small-1", small);
        }
        print("index_files", count(repo.resolve("index")));
        print("index_bytes", bytes(repo.resolve("index")));
    }

    static void open(Path repo, int rounds, String machine) throws Exception {
        RepositoryOptions o = options(repo, true).withOnlyMachines(List.of(machine));
        opens(() -> Repository.openLocal(repo, o), rounds);
    }

    static io.lifeboat.repository.backend.Backend azure(String url) {
        return io.lifeboat.repository.backend.azure.AzureBlobBackend.open(
                io.lifeboat.repository.backend.azure.AzureBlobStore.parse(url), System.getenv("AZURE_STORAGE_CONNECTION_STRING"));
    }

    static void openAzure(String url, int rounds, String machine) throws Exception {
        RepositoryOptions o = RepositoryOptions.readOnlyDefaults().withTableDir(Path.of(System.getProperty("java.io.tmpdir")))
                .withOnlyMachines(List.of(machine));
        opens(() -> Repository.open(azure(url), o), rounds);
    }

    static void copyToAzure(Path repo, String url) throws Exception {
        var from = new io.lifeboat.repository.backend.LocalBackend(repo);
        var to = azure(url);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
        to.create(io.lifeboat.repository.backend.Handle.CONFIG, from.read(io.lifeboat.repository.backend.Handle.CONFIG));
        for (var type : List.of(io.lifeboat.repository.backend.FileType.DATA, io.lifeboat.repository.backend.FileType.INDEX,
                io.lifeboat.repository.backend.FileType.MACHINES, io.lifeboat.repository.backend.FileType.POINTS,
                io.lifeboat.repository.backend.FileType.MANIFESTS)) {
            for (String name : from.list(type)) {
                var h = new io.lifeboat.repository.backend.Handle(type, name);
                jobs.add(pool.submit(() -> to.create(h, from.read(h))));
            }
        }
        for (var j : jobs) {
            j.get();
        }
        pool.shutdown();
        print("copied_files", jobs.size() + 1);
    }

    interface Opener {
        Repository open() throws Exception;
    }

    static void opens(Opener opener, int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            long faults = minorFaults();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long all = PROCESS.getProcessCpuTime();
            long wall = System.nanoTime();
            try (Repository rep = opener.open()) {
                cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                all = PROCESS.getProcessCpuTime() - all;
                wall = System.nanoTime() - wall;
                faults = minorFaults() - faults;
                if (rep.machines().isEmpty()) {
                    throw new AssertionError();
                }
            }
            print("open_" + i + "_cpu_s", cpu / 1e9);
            print("open_" + i + "_process_cpu_s", all / 1e9);
            print("open_" + i + "_wall_s", wall / 1e9);
            print("open_" + i + "_minor_faults", faults);
        }
    }

    /**
     * The index part of an open, in steps, through the package's own (non-public) classes: this
     * build's ({@code PackIndexCodec}, a bulk insert) where it has them, else the JSON parse and the
     * per-entry insert of the builds before.
     */
    static void split(Path repo, int rounds) throws Exception {
        ClassLoader cl = OpenBench.class.getClassLoader();
        Class<?> codec = Class.forName("io.lifeboat.repository.ManifestCodec", true, cl);
        Method tree = accessible(codec.getDeclaredMethod("tree", byte[].class, String.class));
        Class<?> indexClass = Class.forName("io.lifeboat.repository.BlockIndex", true, cl);
        Constructor<?> newIndex = indexClass.getDeclaredConstructor(Path.class);
        newIndex.setAccessible(true);
        Method close = accessible(indexClass.getDeclaredMethod("close"));
        Method parse;
        Method register;
        Method reserve = null;
        Method count = null;
        try {
            Class<?> packIndex = Class.forName("io.lifeboat.repository.PackIndex", true, cl);
            parse = accessible(Class.forName("io.lifeboat.repository.PackIndexCodec", true, cl)
                    .getDeclaredMethod("read", byte[].class, String.class));
            register = accessible(indexClass.getDeclaredMethod("register", packIndex, boolean.class));
            reserve = accessible(indexClass.getDeclaredMethod("reserve", long.class));
            count = accessible(packIndex.getDeclaredMethod("count"));
        } catch (ClassNotFoundException e) {
            parse = accessible(Class.forName("io.lifeboat.repository.RepositoryFiles", true, cl)
                    .getDeclaredMethod("index", byte[].class, String.class));
            register = accessible(indexClass.getDeclaredMethod("register", String.class, List.class, List.class, boolean.class));
        }
        Path dir = repo.resolve("index");
        Path tables = repo.resolveSibling("cache");
        long entries = 0;
        for (int round = 0; round < rounds; round++) {
            boolean last = round == rounds - 1;
            long t = THREADS.getCurrentThreadCpuTime();
            long u = THREADS.getCurrentThreadUserTime();
            List<Path> names;
            try (Stream<Path> s = Files.list(dir)) {
                names = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            }
            List<byte[]> contents = new ArrayList<>(names.size());
            for (Path p : names) {
                contents.add(Files.readAllBytes(p));
            }
            step(last, "read", t);

            t = THREADS.getCurrentThreadCpuTime();
            for (byte[] c : contents) {
                if (c.length > 0 && c[0] == '{') {
                    tree.invoke(null, c, "index");
                }
            }
            step(last, "json_tree", t);

            t = THREADS.getCurrentThreadCpuTime();
            List<Object> parsed = new ArrayList<>(contents.size());
            for (int i = 0; i < contents.size(); i++) {
                parsed.add(parse.invoke(null, contents.get(i), names.get(i).getFileName().toString()));
            }
            step(last, "parse", t);

            for (boolean presized : reserve == null ? new boolean[] {false} : new boolean[] {false, true}) {
                long faults = minorFaults();
                t = THREADS.getCurrentThreadCpuTime();
                u = THREADS.getCurrentThreadUserTime();
                Object index = newIndex.newInstance(tables);
                entries = 0;
                if (presized) {
                    long all = 0;
                    for (Object p : parsed) {
                        all += (int) count.invoke(p);
                    }
                    reserve.invoke(index, all);
                }
                for (int i = 0; i < parsed.size(); i++) {
                    Object p = parsed.get(i);
                    if (p instanceof Map<?, ?> m) {
                        register.invoke(index, names.get(i).getFileName().toString(), new ArrayList<>(m.keySet()),
                                new ArrayList<>(m.values()), false);
                        entries += m.size();
                    } else {
                        register.invoke(index, p, false);
                        entries += (int) count.invoke(p);
                    }
                }
                String name = presized ? "insert_presized" : "insert";
                step(last, name, t);
                if (last) {
                    print(name + "_user_s", (THREADS.getCurrentThreadUserTime() - u) / 1e9);
                    print(name + "_minor_faults", minorFaults() - faults);
                }
                close.invoke(index);
            }
        }
        print("entries", entries);
    }

    static void step(boolean print, String name, long cpuFrom) {
        if (print) {
            print(name + "_cpu_s", (THREADS.getCurrentThreadCpuTime() - cpuFrom) / 1e9);
        }
    }

    static Method accessible(Method m) {
        m.setAccessible(true);
        return m;
    }

    /** The process's minor page faults so far (field 10 of /proc/self/stat). */
    static long minorFaults() throws Exception {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[7]);
    }

    static long count(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    static long bytes(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void print(String key, Object value) {
        System.out.println(key + " " + value);
    }
}
