package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.PointDelta;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestDelta;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a pass's commit starts as soon as the read has the manifest ({@link PointCommits#ahead}), to
 * run while the last batch is sent: an image's whole delta, which the commit then sends as it was
 * built (not built again on the committing thread), the same delta the commit would have built; a
 * tree's digest only; nothing without a last point.
 */
class PointCommitsAheadTest {
    private static final int BS = 32768;
    private static final String POINT = "20261208T000000Z-0123abcd";

    @Test
    void anImagesDeltaIsBuiltAheadAndTheCommitSendsThatDelta() {
        Manifest last = image(40, -1);
        Manifest now = image(40, 7); // block 7 changed
        PreviousPoint previous = recorded(last);

        PointCommits.Ahead ahead = PointCommits.ahead(previous, now);
        assertThat(ahead.digest()).as("no tree digest for an image").isNull();
        assertThat(ahead.imageDelta()).as("the image's delta started").isNotNull();
        ManifestDelta built = ahead.imageDelta().join();
        assertThat(built).as("a delta of one block is worth sending").isNotNull();
        assertThat(built).as("the delta the commit would build itself").isEqualTo(PointCommits.delta(previous, now));

        RecordingVault vault = new RecordingVault();
        new PointCommits(vault).commit(previous, new PointCommit(0, "live", now), ahead);
        assertThat(vault.deltas).hasSize(1);
        assertThat(vault.deltas.get(0).delta()).as("the delta built ahead, not one built again").isSameAs(built);
    }

    @Test
    void aTreeGetsItsDigestAheadAndAFirstPassNothing() {
        Manifest tree = new Manifest(Manifest.FORMAT_VERSION, "/srv", SourceKind.DIRECTORY, BS,
                List.of(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of())));
        PreviousPoint previous = new PreviousPoint(LastPoint.of(tree, POINT, 0, Map.of(), 0),
                KnownBlocks.owning(BS, POINT, new HashMap<>()), false);
        PointCommits.Ahead ahead = PointCommits.ahead(previous, tree);
        assertThat(ahead.digest()).isNotNull();
        assertThat(ahead.imageDelta()).isNull();

        assertThat(PointCommits.ahead(PreviousPoint.NONE, image(4, 1))).isSameAs(PointCommits.Ahead.NONE);
    }

    /** An image of {@code blocks} full blocks, block {@code changed} (when not -1) with other content. */
    private static Manifest image(int blocks, int changed) {
        List<BlockRef> refs = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            refs.add(new BlockRef(BlockId.of(new byte[] {(byte) i, (byte) (i == changed ? 1 : 0)}), BS));
        }
        Entry entry = new Entry("", EntryType.FILE, 0644, 1_000L, (long) blocks * BS, null, refs);
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, BS, List.of(entry));
    }

    /** The records a pass that read image {@code m} keeps, as {@link PreviousPoint} reads them back. */
    private static PreviousPoint recorded(Manifest m) {
        Entry e = m.entries().get(0);
        int n = e.blocks().size();
        int[] lengths = new int[n];
        byte[] digests = new byte[n * 32];
        for (int i = 0; i < n; i++) {
            lengths[i] = e.blocks().get(i).length();
            e.blocks().get(i).id().copyTo(digests, i * 32);
        }
        HashMap<String, KnownBlocks.File> files = new HashMap<>(Map.of("", new KnownBlocks.File(lengths, new long[2 * n], digests)));
        return new PreviousPoint(LastPoint.of(m, POINT, 0, Map.of(), 0), KnownBlocks.owning(BS, POINT, files), false);
    }

    /** Takes every delta commit. */
    private static final class RecordingVault extends StubVaultApi {
        final List<PointDelta> deltas = new ArrayList<>();

        @Override
        public Optional<PointInfo> commitDelta(PointDelta delta) {
            deltas.add(delta);
            return Optional.of(new PointInfo("20261208T000001Z-4567cdef", "m", Instant.EPOCH, "/srv/disk.img",
                    SourceKind.IMAGE, 0, 0, null, null, "live"));
        }
    }
}
