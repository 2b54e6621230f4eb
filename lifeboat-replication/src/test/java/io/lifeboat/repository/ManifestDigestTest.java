package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The manifest digest a delta is checked by: the same however zero runs are cut, different for any change. */
class ManifestDigestTest {
    static final BlockId A = BlockId.of(new byte[] {1});

    static Manifest m(Entry... entries) {
        return new Manifest(Manifest.FORMAT_VERSION, "/s", SourceKind.DIRECTORY, 4096, List.of(entries));
    }

    static Entry file(String path, int mode, BlockRef... blocks) {
        long size = 0;
        for (BlockRef b : blocks) {
            size += b.length();
        }
        return new Entry(path, EntryType.FILE, mode, 7, size, null, List.of(blocks));
    }

    @Test
    void zeroRunsCutAnywhereHashAlike() {
        ManifestDigest split = new ManifestDigest();
        Entry f = file("f", 0644, BlockRef.zero(4096), BlockRef.zero(4096), BlockRef.zero(4096), new BlockRef(A, 1));
        split.entry(new Entry("f", EntryType.FILE, 0644, 7, f.size(), null, List.of()));
        split.zeros(1, 4096);
        split.zeros(2, 4096); // as a chunk boundary or a delta's merge may cut a run
        split.block(A, 1);
        assertThat(split.hex()).isEqualTo(ManifestDigest.of(m(f)));
    }

    @Test
    void everyFieldCounts() {
        String base = ManifestDigest.of(m(file("f", 0644, new BlockRef(A, 1))));
        assertThat(ManifestDigest.of(m(file("g", 0644, new BlockRef(A, 1))))).isNotEqualTo(base);
        assertThat(ManifestDigest.of(m(file("f", 0600, new BlockRef(A, 1))))).isNotEqualTo(base);
        assertThat(ManifestDigest.of(m(file("f", 0644, BlockRef.zero(1))))).isNotEqualTo(base);
        assertThat(ManifestDigest.of(m(new Entry("f", EntryType.SYMLINK, 0644, 7, 1, "t", List.of())))).isNotEqualTo(base);
        // a path and a link target cannot run into each other: lengths are hashed too
        assertThat(ManifestDigest.of(m(new Entry("ab", EntryType.SYMLINK, 0777, 7, 0, "c", List.of()))))
                .isNotEqualTo(ManifestDigest.of(m(new Entry("a", EntryType.SYMLINK, 0777, 7, 0, "bc", List.of()))));
        assertThat(base).matches("[0-9a-f]{64}");
    }

    /**
     * The digest is a wire contract between agent and vault (of different versions): buffering its
     * records must hash exactly the bytes the field-by-field form hashed. Manifests with paths and
     * link targets longer than the buffer, many blocks (several buffers) and zero runs.
     */
    @Test
    void bufferedRecordsHashTheBytesOfTheFieldByFieldForm() {
        Random r = new Random(12);
        for (int round = 0; round < 20; round++) {
            List<Entry> entries = new ArrayList<>();
            entries.add(new Entry("", EntryType.DIRECTORY, 0755, r.nextLong(), 0, null, List.of()));
            for (int i = 0; i < 1 + r.nextInt(40); i++) {
                String path = "d/" + "\u00e9x".repeat(r.nextInt(3) == 0 ? 1 + r.nextInt(12_000) : 1 + r.nextInt(20)) + i;
                if (r.nextInt(5) == 0) {
                    entries.add(new Entry(path, EntryType.SYMLINK, 0777, r.nextLong(), 3, "t".repeat(1 + r.nextInt(20_000)),
                            List.of()));
                    continue;
                }
                List<BlockRef> blocks = new ArrayList<>();
                long size = 0;
                for (int b = 0; b < r.nextInt(2000); b++) {
                    byte[] seed = new byte[8];
                    r.nextBytes(seed);
                    BlockRef ref = r.nextInt(4) == 0 ? BlockRef.zero(4096) : new BlockRef(BlockId.of(seed), 1 + r.nextInt(4096));
                    blocks.add(ref);
                    size += ref.length();
                }
                entries.add(new Entry(path, EntryType.FILE, r.nextInt(07777), r.nextLong(), size, null, blocks));
            }
            Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/s", SourceKind.DIRECTORY, 4096, entries);
            assertThat(ManifestDigest.of(m)).as("round %d", round).isEqualTo(fieldByField(m));
        }
    }

    /** The digest as it was first written (one update per field), the reference the buffered form must equal. */
    static String fieldByField(Manifest m) {
        MessageDigest sha = BlockId.sha256();
        ByteBuffer scratch = ByteBuffer.allocate(64);
        long run = 0;
        int runLength = 0;
        for (Entry e : m.entries()) {
            if (run > 0) {
                sha.update(scratch.clear().put((byte) 3).putLong(run).putInt(runLength).array(), 0, 13);
                run = 0;
            }
            text(sha, e.path());
            scratch.clear().put((byte) 1).putInt(e.type().ordinal()).putInt(e.mode()).putLong(e.mtimeNanos()).putLong(e.size());
            sha.update(scratch.array(), 0, scratch.position());
            if (e.linkTarget() == null) {
                sha.update((byte) 0);
            } else {
                sha.update((byte) 1);
                text(sha, e.linkTarget());
            }
            for (BlockRef b : e.blocks()) {
                if (b.isZero()) {
                    if (run > 0 && runLength != b.length()) {
                        sha.update(scratch.clear().put((byte) 3).putLong(run).putInt(runLength).array(), 0, 13);
                        run = 0;
                    }
                    run++;
                    runLength = b.length();
                    continue;
                }
                if (run > 0) {
                    sha.update(scratch.clear().put((byte) 3).putLong(run).putInt(runLength).array(), 0, 13);
                    run = 0;
                }
                sha.update((byte) 2);
                sha.update(b.id().toBytes());
                sha.update(scratch.clear().putInt(b.length()).array(), 0, 4);
            }
        }
        if (run > 0) {
            sha.update(scratch.clear().put((byte) 3).putLong(run).putInt(runLength).array(), 0, 13);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void text(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
    }
}
