package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
