import io.lifeboat.agent.protect.ProtectOptions;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.repository.*;
import io.lifeboat.repository.hashing.MultiBlockSha256;
import io.lifeboat.restore.*;
import io.lifeboat.vault.replication.ReplicationService;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * Repository throughput on one image, for bench/repository.sh. Prints one "name seconds bytes" line
 * per phase. Run with the lifeboat jar on the class path, one phase per JVM, as the commands run:
 *
 * <ul>
 *   <li>{@code store IMAGE REPO}: the vault's side of a first protect, through the code a
 *       {@code vault serve} runs for it. The agent's share (cut into its 32 KiB blocks, skip zeros,
 *       hash, seal, one copy of each block, batches of up to 16 MiB encoded for the wire) is done
 *       first and not timed. Timed: every batch decoded and handed to the repository two at a time
 *       (an agent keeps two in flight), which re-hashes every block, packs, indexes, records
 *       ownership and fsyncs each file; then the commit. Like {@code vault serve}, it waits for the
 *       SHA-256 kernel's warm-up first (start the JVM with {@code --add-modules jdk.incubator.vector}).
 *   <li>{@code restore IMAGE REPO TARGET}: failover of the point to a file (every block re-hashed,
 *       zeros as holes, fsync), then verify (every pack read, decompressed, re-hashed); checks the
 *       restore is the image.
 *   <li>{@code hash IMAGE}: SHA-256 of every block of the image that is not zeros, on the kernel
 *       once warm, in runs of 64 as the vault and verify hash them, on one thread: the best of
 *       three rounds, reading not timed. Both ends of a protect must do this much (the agent to
 *       name the blocks, the vault to check them), so bench/replicate.sh counts it twice in the
 *       full pass's work floor.
 * </ul>
 */
public class RepositoryBench {
    static final int BLOCK = ProtectOptions.DEFAULT_BLOCK_SIZE;
    static final int BATCH_BYTES = 16 << 20;

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[1]);
        if (args[0].equals("hash")) {
            hash(image);
        } else if (args[0].equals("store")) {
            store(image, Path.of(args[2]));
        } else {
            restore(image, Path.of(args[2]), Path.of(args[3]));
        }
    }

    static void store(Path image, Path repoDir) throws Exception {
        byte[] img = Files.readAllBytes(image);
        byte[] zero = new byte[BLOCK];
        List<BlockRef> refs = new ArrayList<>();
        Set<BlockId> seen = new HashSet<>();
        List<byte[]> bodies = new ArrayList<>();
        List<EncodedBlock> batch = new ArrayList<>();
        long batchBytes = 0;
        long sent = 0;
        for (int off = 0; off < img.length; off += BLOCK) {
            int len = Math.min(BLOCK, img.length - off);
            if (Arrays.equals(img, off, off + len, zero, 0, len)) {
                refs.add(BlockRef.zero(len));
                continue;
            }
            byte[] b = Arrays.copyOfRange(img, off, off + len);
            BlockId id = BlockId.of(b);
            refs.add(new BlockRef(id, len));
            if (!seen.add(id)) {
                continue; // the vault already has it: the agent does not send it again
            }
            EncodedBlock e = BlockSealer.seal(id, b, len, BlockSealer.DEFAULT_LEVEL);
            if (!batch.isEmpty() && batchBytes + e.wireSize() > BATCH_BYTES) {
                bodies.add(BlockBatchCodec.encode(batch));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(e);
            batchBytes += e.wireSize();
        }
        if (!batch.isEmpty()) {
            bodies.add(BlockBatchCodec.encode(batch));
        }
        for (byte[] body : bodies) {
            sent += body.length;
        }
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, image.toString(), SourceKind.IMAGE, BLOCK,
                List.of(new Entry("", EntryType.FILE, 0644, 0, img.length, null, refs)));
        if (!MultiBlockSha256.awaitKernel(120)) {
            System.err.println("bench: hashing with " + MultiBlockSha256.implementation());
        }
        ExecutorService inFlight = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        try (Repository repo = Repository.openLocal(repoDir, RepositoryOptions.defaults())) {
            ReplicationService vault = new ReplicationService(repo);
            List<Future<?>> uploads = new ArrayList<>();
            for (byte[] body : bodies) {
                uploads.add(inFlight.submit(() -> vault.upload("bench", body)));
            }
            for (Future<?> u : uploads) {
                u.get();
            }
            repo.commitPoint("bench", m, new PointMeta(sent, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash-consistent"));
        } finally {
            inFlight.shutdown();
        }
        long t1 = System.nanoTime();
        System.out.printf("store %.3f %d%n", (t1 - t0) / 1e9, img.length);
        System.out.printf("sent %d %d%n", sent, bodies.size());
    }

    static void hash(Path image) throws Exception {
        int run = 64;
        byte[] zero = new byte[BLOCK];
        List<byte[]> blocks = new ArrayList<>(); // all held at once: 1.6 GB for the 2 GiB bench image
        try (var in = java.nio.channels.FileChannel.open(image)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(BLOCK);
            while (true) {
                buf.clear();
                while (buf.hasRemaining() && in.read(buf) >= 0) { }
                if (buf.position() == 0) {
                    break;
                }
                byte[] b = Arrays.copyOf(buf.array(), buf.position());
                if (!Arrays.equals(b, 0, b.length, zero, 0, b.length)) {
                    blocks.add(b);
                }
            }
        }
        if (!MultiBlockSha256.awaitKernel(120)) {
            System.err.println("bench: hashing with " + MultiBlockSha256.implementation());
        }
        long bytes = 0;
        for (byte[] b : blocks) {
            bytes += b.length;
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < blocks.size(); i += run) {
                BlockId.ofAll(blocks.subList(i, Math.min(i + run, blocks.size())));
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("hash %.3f %d%n", best / 1e9, bytes);
    }

    static void restore(Path image, Path repoDir, Path target) throws Exception {
        byte[] img = Files.readAllBytes(image);
        try (Repository repo = Repository.openLocal(repoDir, RepositoryOptions.readOnlyDefaults())) {
            long a = System.nanoTime();
            new Failover(repo, null).run("bench", "latest", target, new FailoverOptions(false, true));
            long b = System.nanoTime();
            System.out.printf("failover %.3f %d%n", (b - a) / 1e9, img.length);
            VerifyReport r = repo.verify(Optional.empty());
            long c = System.nanoTime();
            System.out.printf("verify %.3f %d%n", (c - b) / 1e9, r.bytesChecked());
            if (!r.ok() || !Arrays.equals(Files.readAllBytes(target), img)) {
                throw new IllegalStateException("bench restore differs from the image");
            }
        }
    }
}
