package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A delta that changes nothing (an unchanged rescan) is committed on its parent's chunks as they
 * are, no chunk written; and it is still refused, with nothing committed, when the parent is gone,
 * when a block it names is no longer stored for the machine, or when the result is not what the
 * agent read. When the entry's metadata moved, new chunks are built as for any delta.
 */
class DeltaCommitReuseTest {
    static final int BS = 4096;
    /** Moved on a minute by every parent's commit: a chunk built again later gets another name (its time). */
    final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-06T12:00:00Z"));

    private RepositoryOptions options() {
        return RepositoryOptions.defaults().withClock(clock);
    }

    private static Manifest image(Map<BlockId, BlockUpload> uploads, long seed, long mtime) {
        byte[] data = Fixtures.random(seed, 40 * BS + 123);
        System.arraycopy(new byte[5 * BS], 0, data, 10 * BS, 5 * BS); // a run of zero blocks too
        Entry e = new Entry("", EntryType.FILE, 0640, mtime, data.length, null, Fixtures.cut(data, BS, uploads));
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, BS, List.of(e));
    }

    private PointInfo commitParent(Repository repo, Manifest parent, Map<BlockId, BlockUpload> uploads) {
        repo.putBlocks("m", new ArrayList<>(uploads.values()));
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        clock.advance(java.time.Duration.ofMinutes(1));
        return p;
    }

    private static List<String> chunksOf(MemoryBackend backend, String machine, String point) throws IOException {
        return RepositoryFiles.point(backend.read(new Handle(FileType.POINTS, machine + "/" + point)), machine + "/" + point)
                .chunks();
    }

    private static List<String> pointsOf(MemoryBackend backend) throws IOException {
        return backend.list(FileType.POINTS);
    }

    @Test
    void anUnchangedImageNamesItsParentsChunksAndWritesNone() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        try (Repository repo = Repository.open(backend, options())) {
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            Manifest parent = image(uploads, 1, 7);
            PointInfo p = commitParent(repo, parent, uploads);
            List<String> chunksBefore = backend.list(FileType.MANIFESTS);

            ManifestDelta delta = ManifestDelta.between(p.id(), parent, parent);
            assertThat(delta.changesNothing()).isTrue();
            PointInfo made = DeltaCommit.commit(repo, "m", delta, Fixtures.META);

            assertThat(backend.list(FileType.MANIFESTS)).isEqualTo(chunksBefore);
            assertThat(chunksOf(backend, "m", made.id())).isEqualTo(chunksOf(backend, "m", p.id()));
            assertThat(repo.manifest("m", made.id())).isEqualTo(parent);
            assertThat(repo.manifestSummary("m", made.id())).isEqualTo(repo.manifestSummary("m", p.id()));
            assertThat(made.sourceBytes()).isEqualTo(p.sourceBytes());
        }
    }

    @Test
    void anUnchangedTreeNamesItsParentsChunksToo() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        try (Repository repo = Repository.open(backend, options())) {
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            Manifest parent = new Manifest(Manifest.FORMAT_VERSION, "/srv/www", SourceKind.DIRECTORY, BS, List.of(
                    new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of()),
                    new Entry("a", EntryType.FILE, 0644, 2, 3 * BS, null, Fixtures.cut(Fixtures.random(2, 3 * BS), BS, uploads)),
                    new Entry("b", EntryType.SYMLINK, 0777, 3, 1, "a", List.of())));
            PointInfo p = commitParent(repo, parent, uploads);
            PointInfo made = DeltaCommit.commit(repo, "m", ManifestDelta.between(p.id(), parent, parent), Fixtures.META);
            assertThat(chunksOf(backend, "m", made.id())).isEqualTo(chunksOf(backend, "m", p.id()));
            assertThat(repo.manifest("m", made.id())).isEqualTo(parent);
        }
    }

    @Test
    void aNewMtimeWithNoBlockChangedBuildsNewChunks() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        try (Repository repo = Repository.open(backend, options())) {
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            Manifest parent = image(uploads, 1, 7);
            PointInfo p = commitParent(repo, parent, uploads);
            Manifest touched = image(new LinkedHashMap<>(), 1, 8); // the same bytes, another mtime
            ManifestDelta delta = ManifestDelta.between(p.id(), parent, touched);
            assertThat(delta.changesNothing()).isTrue();

            PointInfo made = DeltaCommit.commit(repo, "m", delta, Fixtures.META);
            assertThat(chunksOf(backend, "m", made.id())).doesNotContainAnyElementsOf(chunksOf(backend, "m", p.id()));
            assertThat(repo.manifest("m", made.id())).isEqualTo(touched);
        }
    }

    @Test
    void aParentRetentionDeletedMeanwhileIsUnknown() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        try (Repository repo = Repository.open(backend, options().withKeepNewest(1))) {
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            Manifest parent = image(uploads, 1, 7);
            PointInfo p = commitParent(repo, parent, uploads);
            ManifestDelta delta = ManifestDelta.between(p.id(), parent, parent); // read by the agent against p
            PointInfo newer = repo.commitPoint("m", parent, Fixtures.META); // then p is retention's: keep newest 1
            assertThat(pointsOf(backend)).containsExactly("m/" + newer.id());

            assertThatThrownBy(() -> DeltaCommit.commit(repo, "m", delta, Fixtures.META))
                    .isInstanceOfSatisfying(DeltaRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(DeltaRefusedException.Reason.UNKNOWN_PARENT));
            assertThat(pointsOf(backend)).containsExactly("m/" + newer.id());
        }
    }

    @Test
    void aBlockTheMachineNoLongerOwnsIsRefusedAndNothingIsCommitted() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
        Manifest parent = image(uploads, 1, 7);
        PointInfo p;
        try (Repository repo = Repository.open(backend, options())) {
            p = commitParent(repo, parent, uploads);
        }
        // the machine's ownership records are lost (as if an operator removed them): its blocks are not its own now
        for (String name : backend.list(FileType.MACHINES)) {
            backend.delete(new Handle(FileType.MACHINES, name));
        }
        List<String> chunksBefore = backend.list(FileType.MANIFESTS);
        try (Repository repo = Repository.open(backend, options())) {
            ManifestDelta delta = ManifestDelta.between(p.id(), parent, parent);
            assertThatThrownBy(() -> DeltaCommit.commit(repo, "m", delta, Fixtures.META))
                    .isInstanceOf(MissingBlocksException.class);
        }
        assertThat(pointsOf(backend)).containsExactly("m/" + p.id());
        assertThat(backend.list(FileType.MANIFESTS)).isEqualTo(chunksBefore);
    }

    @Test
    void aDigestThatIsNotTheParentsIsRefusedAsAMismatch() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        try (Repository repo = Repository.open(backend, options())) {
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            Manifest parent = image(uploads, 1, 7);
            PointInfo p = commitParent(repo, parent, uploads);
            ManifestDelta honest = ManifestDelta.between(p.id(), parent, parent);
            // the agent read another image (its record of the parent was wrong): its digest is of what it read
            ManifestDelta wrong = new ManifestDelta(p.id(), honest.header(), ManifestDigest.of(image(new LinkedHashMap<>(), 2, 7)),
                    List.of(), List.of(), honest.file());
            assertThatThrownBy(() -> DeltaCommit.commit(repo, "m", wrong, Fixtures.META))
                    .isInstanceOfSatisfying(DeltaRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(DeltaRefusedException.Reason.MISMATCH));
            assertThat(pointsOf(backend)).containsExactly("m/" + p.id());
        }
    }

    @Test
    void theParentsChunksOutliveItOnceTheNewPointNamesThem() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        RepositoryOptions options = options().withKeepNewest(1).withPruneGrace(java.time.Duration.ZERO);
        try (Repository repo = Repository.open(backend, options)) {
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            Manifest parent = image(uploads, 1, 7);
            PointInfo p = commitParent(repo, parent, uploads);
            // the commit's retention drops the parent (keep newest 1) and sweeps chunks no point names
            PointInfo made = DeltaCommit.commit(repo, "m", ManifestDelta.between(p.id(), parent, parent), Fixtures.META);
            assertThat(pointsOf(backend)).containsExactly("m/" + made.id());
            assertThat(repo.manifest("m", made.id())).isEqualTo(parent);
            assertThat(repo.verify(java.util.Optional.of("m")).ok()).isTrue();
        }
    }
}
