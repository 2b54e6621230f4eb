package io.lifeboat.repository;

import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Run in its own small-heap JVM by {@link ManifestScaleTest}: commits one point of a large image
 * whose manifest names {@code args[1]} non-zero 32 KiB blocks (a set of {@link #DISTINCT} distinct
 * blocks repeated, so the block store stays small), the way the vault receives it (chunk by chunk,
 * each checked, then a commit naming the chunks); reopens the folder and reads the manifest back,
 * checking every reference in order, and reads its block filter part by part, each part holding every
 * distinct block. Prints one line, {@code ok <refs> <chunks> <chunk bytes> <heap max> <filter parts>},
 * and exits 0; anything else is a failure.
 */
public final class ManifestScaleWorker {
    static final int BS = 32 << 10;
    static final int DISTINCT = 256;

    private ManifestScaleWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long refs = Long.parseLong(args[1]);
        BlockId[] ids = new BlockId[DISTINCT];
        List<String> chunks = new ArrayList<>();
        long[] chunkBytes = {0};
        PointInfo point;
        int filterParts;
        try (Repository repo = Repository.openLocal(dir, RepositoryOptions.defaults())) {
            List<BlockUpload> uploads = new ArrayList<>();
            for (int i = 0; i < DISTINCT; i++) {
                byte[] b = Fixtures.random(i, BS);
                ids[i] = BlockId.of(b);
                uploads.add(new BlockUpload(ids[i], b, BlockEncoding.RAW));
            }
            repo.putBlocks("big", uploads);
            ManifestChunker chunker = new ManifestChunker(stored -> {
                chunkBytes[0] += stored.length;
                chunks.add(repo.putManifestChunk("big", stored));
            });
            chunker.entry(new Entry("", EntryType.FILE, 0600, 1_700_000_000_000L, refs * BS, null, List.of()));
            for (long i = 0; i < refs; i++) {
                chunker.block(ids[(int) (i % DISTINCT)], BS);
            }
            ManifestSummary summary = chunker.finish();
            check(summary.blocks() == refs && summary.chunks() == chunks.size(), "chunker summary " + summary);
            point = repo.commitPoint("big", new ManifestHeader("/dev/sdb", SourceKind.BLOCK_DEVICE, BS), chunks,
                    Fixtures.META);
            check(point.sourceBytes() == refs * BS, "sourceBytes " + point.sourceBytes());
        }
        try (Repository repo = Repository.openLocal(dir, RepositoryOptions.defaults().withReadOnly(true))) {
            check(repo.points(Optional.of("big")).equals(List.of(point)), "the point after reopening");
            long[] seen = {0};
            repo.readManifest("big", point.id(), new ManifestVisitor() {
                @Override
                public void entry(Entry e) {
                    check(e.size() == refs * BS && e.mode() == 0600, "entry " + e);
                }

                @Override
                public void block(BlockId id, int length) {
                    check(id.equals(ids[(int) (seen[0] % DISTINCT)]) && length == BS, "block " + seen[0]);
                    seen[0]++;
                }

                @Override
                public void zeros(long count, int length) {
                    check(false, "a zero run");
                }
            });
            check(seen[0] == refs, "read back " + seen[0] + " references");
            int[] parts = {0};
            boolean whole = repo.manifests.filterParts(repo.manifests.pointFile(point.machine(), point.id()), Long.MAX_VALUE, part -> {
                check(java.util.Arrays.stream(ids).allMatch(part::mayHold), "filter part " + parts[0]);
                parts[0]++;
            });
            check(whole, "the point's block filter, read part by part");
            filterParts = parts[0];
        }
        System.out.println("ok " + refs + " " + chunks.size() + " " + chunkBytes[0] + " " + Runtime.getRuntime().maxMemory() + " " + filterParts);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("wrong: " + what);
        }
    }
}
