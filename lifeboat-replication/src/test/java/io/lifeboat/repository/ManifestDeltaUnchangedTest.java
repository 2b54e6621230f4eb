package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ManifestDelta#unchanged}, built without comparing blocks, is the delta {@link
 * ManifestDelta#between} finds from a manifest to itself, for each kind; a one-entry kind whose
 * manifest is not one entry "" has none.
 */
class ManifestDeltaUnchangedTest {
    private static final int BS = 4096;

    private static BlockRef block(int seed) {
        byte[] b = new byte[BS];
        b[0] = (byte) seed;
        b[1] = (byte) (seed >> 8);
        return new BlockRef(BlockId.of(b, 0, b.length), BS);
    }

    private static Manifest image() {
        List<BlockRef> blocks = List.of(block(1), BlockRef.zero(BS), BlockRef.zero(BS), block(2), block(3));
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, BS,
                List.of(new Entry("", EntryType.FILE, 0640, 1_700_000_123_000_000_001L, 5L * BS, null, blocks)));
    }

    @Test
    void anImagesUnchangedDeltaIsTheOneBetweenItAndItself() {
        Manifest m = image();
        ManifestDelta direct = ManifestDelta.unchanged("p1", m, ManifestDigest.of(m));
        assertThat(direct).isEqualTo(ManifestDelta.between("p1", m, m));
        assertThat(direct.changesNothing()).isTrue();
        assertThat(direct.weight()).isEqualTo(1);
        assertThat(direct.file().mtimeNanos()).isEqualTo(1_700_000_123_000_000_001L);
        assertThat(direct.file().size()).isEqualTo(5L * BS);
        assertThat(direct.file().mode()).isEqualTo(0640);
    }

    @Test
    void aTreesUnchangedDeltaIsTheOneBetweenItAndItself() {
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/srv/www", SourceKind.DIRECTORY, BS, List.of(
                new Entry("", EntryType.DIRECTORY, 0755, 1L, 0, null, List.of()),
                new Entry("a", EntryType.FILE, 0644, 2L, BS, null, List.of(block(4)))));
        ManifestDelta direct = ManifestDelta.unchanged("p1", m, ManifestDigest.of(m));
        assertThat(direct).isEqualTo(ManifestDelta.between("p1", m, m));
        assertThat(direct.changesNothing()).isTrue();
    }

    @Test
    void aOneEntryKindWithoutTheOneEntryHasNone() {
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, BS,
                List.of(new Entry("x", EntryType.FILE, 0640, 1L, BS, null, List.of(block(5)))));
        assertThat(ManifestDelta.unchanged("p1", m, ManifestDigest.of(m))).isNull();
    }
}
