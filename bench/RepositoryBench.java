import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.*;
import io.lifeboat.restore.*;
import java.nio.file.*;
import java.util.*;

/**
 * Repository throughput on one image, for bench/repository.sh: store every block as the vault
 * receives it (decompress within the bound, re-hash, pack, index, ownership, fsync), commit, failover to a file (every block re-hashed, sparse, read back),
 * verify. Prints one "name seconds bytes" line per phase. Run with the lifeboat jar on the class path.
 */
public class RepositoryBench {
    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Path repoDir = Path.of(args[1]);
        Path target = Path.of(args[2]);
        int bs = 1 << 20;
        byte[] img = Files.readAllBytes(image);
        // the agent's share (cut, hash, compress) is done first and not timed: "store" is the vault's work
        List<BlockRef> refs = new ArrayList<>();
        List<BlockUpload> uploads = new ArrayList<>();
        long stored = 0;
        for (int off = 0; off < img.length; off += bs) {
            int len = Math.min(bs, img.length - off);
            byte[] b = Arrays.copyOfRange(img, off, off + len);
            if (Arrays.equals(b, new byte[len])) {
                refs.add(BlockRef.zero(len));
                continue;
            }
            BlockId id = BlockId.of(b);
            refs.add(new BlockRef(id, len));
            byte[] z = Zstd.compress(b, 1);
            uploads.add(z.length < len ? new BlockUpload(id, z, BlockEncoding.ZSTD) : new BlockUpload(id, b, BlockEncoding.RAW));
            stored += Math.min(z.length, len);
        }
        Manifest m = new Manifest(1, image.toString(), SourceKind.IMAGE, bs,
                List.of(new Entry("", EntryType.FILE, 0644, 0, img.length, null, refs)));
        long t0 = System.nanoTime();
        try (Repository repo = Repository.openLocal(repoDir, RepositoryOptions.defaults())) {
            for (int i = 0; i < uploads.size(); i += 16) {
                repo.putBlocks("bench", uploads.subList(i, Math.min(uploads.size(), i + 16)));
            }
            repo.commitPoint("bench", m, new PointMeta(stored, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash-consistent"));
        }
        long t1 = System.nanoTime();
        System.out.printf("store %.3f %d%n", (t1 - t0) / 1e9, img.length);
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
