import io.lifeboat.agent.protect.ProtectOptions;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.ChunkedCommit;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.repository.*;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.replication.ReplicationRequests;
import io.lifeboat.vault.replication.ReplicationService;
import java.io.RandomAccessFile;
import java.nio.file.*;
import java.util.*;
import java.util.stream.Stream;

/**
 * What a point of a sparse 1 TiB disk costs the vault, for bench/sparse.sh. Run with the lifeboat
 * jar on the class path: {@code java -cp lifeboat.jar bench/SparseBench.java WORK [GIB] [PIECES]}.
 *
 * <ol>
 *   <li>Makes WORK/sparse.img: GIB GiB (1024 by default), a hole but for PIECES (4096) pieces of
 *       64 KiB of random bytes scattered over it at unaligned offsets.</li>
 *   <li>Protects it through the vault's own request handlers ({@link ReplicationRequests}: the code
 *       behind {@code vault serve}'s routes, without TLS): "which do you lack?", block batches of
 *       up to 16 MiB, the manifest as chunks as the agent cuts them, the commit naming them. The
 *       agent's reading is stood in for: only the 32 KiB blocks the pieces touch are read and
 *       hashed (as an agent that skips holes with SEEK_DATA would), every other block is a zero
 *       run, so the manifest is the one an agent sends for this image.</li>
 *   <li>Prints the vault's heap in use (after a full GC) and the process's RSS: before the
 *       repository is opened, after the commit, and in a fresh open of the folder (what a
 *       restarted vault holds for it); the bytes of the manifest's chunks and point file; and the
 *       time of the commit and of reading the manifest back.</li>
 *   <li>Then stores 262,144 more distinct (small) blocks for another machine and prints the heap
 *       they add per block after a fresh open: the index and ownership the vault still keeps in
 *       memory, the cost that grows with a full disk (2^25 blocks per TiB at 32 KiB).</li>
 * </ol>
 * Prints "key value" lines; bench/sparse.sh formats them.
 */
public class SparseBench {
    static final int BS = ProtectOptions.DEFAULT_BLOCK_SIZE;
    static final Caller AGENT = new Caller("sparse-1", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "127.0.0.1:1", "00");

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long size = (args.length > 1 ? Long.parseLong(args[1]) : 1024) << 30;
        int pieces = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        Path img = work.resolve("sparse.img");
        Path repoDir = work.resolve("repo");
        TreeSet<Long> dataBlocks = makeImage(img, size, pieces);
        print("image_bytes", size);
        print("data_blocks", dataBlocks.size());
        print("blocks", (size + BS - 1) / BS);
        memory("before_open");

        long t0 = System.nanoTime();
        PointInfo point;
        try (Repository repo = Repository.openLocal(repoDir, RepositoryOptions.defaults())) {
            ReplicationRequests vault = new ReplicationRequests(new ReplicationService(repo));
            point = protect(vault, img, size, dataBlocks);
            print("protect_seconds", (System.nanoTime() - t0) / 1e9);
            memory("after_commit");
        }
        print("manifest_chunk_bytes", folderBytes(repoDir.resolve("manifests")));
        print("manifest_chunks", fileCount(repoDir.resolve("manifests")));
        print("point_file_bytes", folderBytes(repoDir.resolve("points")));
        print("data_bytes", folderBytes(repoDir.resolve("data")));
        print("index_bytes", folderBytes(repoDir.resolve("index")) + folderBytes(repoDir.resolve("machines")));

        try (Repository repo = Repository.openLocal(repoDir, RepositoryOptions.defaults())) {
            memory("reopened");
            long t1 = System.nanoTime();
            long[] counts = new long[2];
            repo.readManifest(AGENT.machine(), point.id(), new ManifestVisitor() {
                public void entry(Entry e) {
                }

                public void block(BlockId id, int length) {
                    counts[0]++;
                }

                public void zeros(long count, int length) {
                    counts[1] += count;
                }
            });
            print("read_back_seconds", (System.nanoTime() - t1) / 1e9);
            if (counts[0] != dataBlocks.size() || counts[0] + counts[1] != (size + BS - 1) / BS) {
                throw new AssertionError("read back " + Arrays.toString(counts));
            }
        }
        perStoredBlock(repoDir);
    }

    /** A hole of {@code size} bytes with {@code pieces} random 64 KiB pieces; returns the blocks they touch. */
    static TreeSet<Long> makeImage(Path img, long size, int pieces) throws Exception {
        Files.deleteIfExists(img);
        Random r = new Random(7);
        TreeSet<Long> touched = new TreeSet<>();
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(size);
            byte[] piece = new byte[64 << 10];
            for (int i = 0; i < pieces; i++) {
                long at = i * (size / pieces) + 4097 + r.nextInt(8192);
                r.nextBytes(piece);
                f.seek(at);
                f.write(piece);
                for (long b = at / BS; b <= (at + piece.length - 1) / BS; b++) {
                    touched.add(b);
                }
            }
        }
        return touched;
    }

    /** The protect pass, as the agent's requests; reads only the touched blocks. */
    static PointInfo protect(ReplicationRequests vault, Path img, long size, TreeSet<Long> dataBlocks) throws Exception {
        String base = "/v1/machines/" + AGENT.machine();
        long[] sent = {0};
        List<String> chunks = new ArrayList<>();
        ManifestChunker chunker = new ManifestChunker(stored -> {
            chunks.add(ReplicationJson.chunkName(ok(vault, base + "/manifest-chunks", stored, sent)));
        });
        chunker.entry(new Entry("", EntryType.FILE, 0600, Files.getLastModifiedTime(img).toMillis(), size, null, List.of()));
        long blocks = (size + BS - 1) / BS;
        long next = 0;
        List<EncodedBlock> batch = new ArrayList<>();
        int batchBytes = 0;
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "r")) {
            for (long b : dataBlocks) {
                chunker.zeros(b - next, BS);
                byte[] data = new byte[(int) Math.min(BS, size - b * BS)];
                f.seek(b * BS);
                f.readFully(data);
                BlockId id = BlockId.of(data);
                chunker.block(id, data.length);
                EncodedBlock e = BlockSealer.seal(id, data, data.length, BlockSealer.DEFAULT_LEVEL);
                if (batchBytes + e.wireSize() > (16 << 20)) {
                    upload(vault, base, batch, sent);
                    batch = new ArrayList<>();
                    batchBytes = 0;
                }
                batch.add(e);
                batchBytes += e.wireSize();
                next = b + 1;
            }
        }
        upload(vault, base, batch, sent);
        long tail = blocks - next;
        if (tail > 0) {
            long last = size - (blocks - 1) * BS; // a short last block, if the size is not a multiple
            chunker.zeros(last == BS ? tail : tail - 1, BS);
            if (last != BS) {
                chunker.zeros(1, (int) last);
            }
        }
        chunker.finish();
        byte[] commit = new ChunkedCommit(sent[0], "crash-consistent",
                new ManifestHeader(img.toString(), SourceKind.IMAGE, BS), chunks).encode();
        print("commit_body_bytes", commit.length);
        return ReplicationJson.point(ok(vault, base + "/points", commit, sent));
    }

    static void upload(ReplicationRequests vault, String base, List<EncodedBlock> batch, long[] sent) {
        if (batch.isEmpty()) {
            return;
        }
        List<BlockId> ids = batch.stream().map(EncodedBlock::id).toList();
        ok(vault, base + "/blocks/missing", io.lifeboat.replication.protocol.IdListCodec.encode(ids), sent);
        ok(vault, base + "/blocks", BlockBatchCodec.encode(batch), sent);
    }

    static byte[] ok(ReplicationRequests vault, String path, byte[] body, long[] sent) {
        ReplicationRequests.Response r = vault.handle("POST", path, AGENT, body);
        if (r.status() != 200) {
            throw new IllegalStateException(path + ": HTTP " + r.status() + " " + new String(r.body()));
        }
        sent[0] += body.length;
        return r.body();
    }

    /** Heap per stored block: 262,144 distinct 64-byte blocks for another machine, measured after a fresh open. */
    static void perStoredBlock(Path repoDir) throws Exception {
        long before;
        try (Repository repo = Repository.openLocal(repoDir, RepositoryOptions.defaults())) {
            before = heapUsed();
            Random r = new Random(11);
            for (int batch = 0; batch < 64; batch++) {
                List<BlockUpload> ups = new ArrayList<>();
                for (int i = 0; i < 4096; i++) {
                    byte[] b = new byte[64];
                    r.nextBytes(b);
                    ups.add(new BlockUpload(BlockId.of(b), b, BlockEncoding.RAW));
                }
                repo.putBlocks("dense-1", ups);
            }
        }
        try (Repository repo = Repository.openLocal(repoDir, RepositoryOptions.defaults())) {
            long after = heapUsed();
            print("heap_bytes_per_stored_block", (after - before) / 262_144.0);
        }
    }

    static void memory(String when) throws Exception {
        print("heap_used_" + when, heapUsed());
        print("rss_" + when, rss());
    }

    static long heapUsed() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    static long folderBytes(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static long fileCount(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    static void print(String key, Object value) {
        System.out.println(key + " " + value);
    }
}
