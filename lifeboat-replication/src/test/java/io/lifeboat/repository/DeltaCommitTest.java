package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.tls.LifeboatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A point sent as a delta of its parent: the vault builds exactly the manifest a whole commit would
 * have carried, stores it as any point, and refuses every delta that does not fit its parent or
 * its machine, naming what is wrong.
 */
class DeltaCommitTest {
    static final int BS = 4096;
    final Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());

    @AfterEach
    void close() {
        repo.close();
    }

    /** Stores the blocks of {@code data} for {@code machine} and returns their refs (zeros as zero refs). */
    private List<BlockRef> blocks(String machine, byte[] data) {
        Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
        List<BlockRef> refs = Fixtures.cut(data, BS, uploads);
        if (!uploads.isEmpty()) {
            repo.putBlocks(machine, new ArrayList<>(uploads.values()));
        }
        return refs;
    }

    private Entry file(String machine, String path, byte[] data) {
        return new Entry(path, EntryType.FILE, 0644, 1_700_000_000_000_000_123L, data.length, null, blocks(machine, data));
    }

    private static Entry dir(String path) {
        return new Entry(path, EntryType.DIRECTORY, 0755, 1_700_000_000_000_000_000L, 0, null, List.of());
    }

    private static Manifest tree(List<Entry> entries) {
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/www", SourceKind.DIRECTORY, BS, entries);
    }

    private Manifest image(String machine, byte[] data) {
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, BS,
                List.of(new Entry("", EntryType.FILE, 0640, 1_700_000_123_000_000_001L, data.length, null,
                        blocks(machine, data))));
    }

    private PointInfo commitDelta(String machine, ManifestDelta delta) {
        return DeltaCommit.commit(repo, machine, delta, Fixtures.META);
    }

    @Test
    void aTreeDeltaBuildsTheManifestAWholeCommitWouldHaveCarried() {
        Manifest parent = tree(List.of(dir(""), dir("a"), file("m", "a/b.txt", Fixtures.random(1, 9000)),
                file("m", "a/c.txt", Fixtures.random(2, 100)), file("m", "a.txt", Fixtures.random(3, 5000)),
                file("m", "z", new byte[3 * BS])));
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        // a/b.txt changed, a/c.txt removed, a/new and "a b" (sorts before "a/...": ' ' < '/') added, z unchanged
        Manifest child = tree(List.of(dir(""), dir("a"), file("m", "a/b.txt", Fixtures.random(4, 12000)),
                file("m", "a/new", Fixtures.random(5, 10)), file("m", "a b", Fixtures.random(6, 1)),
                file("m", "a.txt", Fixtures.random(3, 5000)), file("m", "z", new byte[3 * BS])));
        child = tree(sorted(child.entries()));
        ManifestDelta delta = ManifestDelta.between(p.id(), parent, child);
        assertThat(delta.entries()).extracting(Entry::path).containsExactly("a/b.txt", "a/new", "a b");
        assertThat(delta.removed()).containsExactly("a/c.txt");

        PointInfo made = commitDelta("m", delta);
        assertThat(repo.manifest("m", made.id())).isEqualTo(child);
        assertThat(made.sourceBytes()).isEqualTo(12000 + 10 + 1 + 5000 + 3 * BS);
        assertThat(repo.verify(Optional.of("m")).ok()).isTrue();
    }

    private static List<Entry> sorted(List<Entry> entries) {
        List<Entry> s = new ArrayList<>(entries);
        s.sort((x, y) -> ManifestCheck.comparePaths(x.path(), y.path()));
        return s;
    }

    @Test
    void anImageDeltaReplacesChangedPositionsAndFollowsTheSizeUpAndDown() {
        byte[] img = Fixtures.image(7, 40, BS);
        PointInfo p = repo.commitPoint("m", image("m", img), Fixtures.META);
        Manifest parent = repo.manifest("m", p.id());

        byte[] grown = Arrays.copyOf(img, 43 * BS + 100); // 3 more blocks and a short one, two changed inside
        grown[5 * BS] ^= 1;
        grown[9 * BS] = 1; // block 9 was all zeros
        System.arraycopy(Fixtures.random(8, 3 * BS + 100), 0, grown, 40 * BS, 3 * BS + 100);
        Manifest bigger = image("m", grown);
        ManifestDelta up = ManifestDelta.between(p.id(), parent, bigger);
        assertThat(up.file().changes()).extracting(ManifestDelta.Change::index).containsExactly(5L, 9L, 40L, 41L, 42L, 43L);
        PointInfo q = commitDelta("m", up);
        assertThat(repo.manifest("m", q.id())).isEqualTo(bigger);

        byte[] shrunk = Arrays.copyOf(grown, 20 * BS - 10); // the last block is now short: it changed
        Manifest smaller = image("m", shrunk);
        ManifestDelta down = ManifestDelta.between(q.id(), repo.manifest("m", q.id()), smaller);
        assertThat(down.file().changes()).extracting(ManifestDelta.Change::index).containsExactly(19L);
        assertThat(repo.manifest("m", commitDelta("m", down).id())).isEqualTo(smaller);
    }

    @Test
    void aParentOfAnotherMachineIsUnknownAndSaysNothingOfIt() {
        PointInfo theirs = repo.commitPoint("other", image("other", Fixtures.image(9, 10, BS)), Fixtures.META);
        repo.commitPoint("m", image("m", Fixtures.image(9, 10, BS)), Fixtures.META);
        Manifest child = image("m", Fixtures.image(10, 10, BS));
        ManifestDelta delta = ManifestDelta.between(theirs.id(), repo.manifest("other", theirs.id()), child);
        assertThatThrownBy(() -> commitDelta("m", delta)).isInstanceOfSatisfying(DeltaRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(DeltaRefusedException.Reason.UNKNOWN_PARENT))
                .hasMessageContaining("is not a point of this machine");
        assertThat(repo.points(Optional.of("m"))).hasSize(1);
    }

    @Test
    void aParentGivenByPrefixOrLatestIsUnknown() {
        PointInfo p = repo.commitPoint("m", image("m", Fixtures.image(11, 4, BS)), Fixtures.META);
        Manifest child = image("m", Fixtures.image(12, 4, BS));
        for (String name : List.of("latest", p.id().substring(0, 10))) {
            ManifestDelta delta = ManifestDelta.between(name, repo.manifest("m", p.id()), child);
            assertThatThrownBy(() -> commitDelta("m", delta)).isInstanceOf(DeltaRefusedException.class);
        }
    }

    @Test
    void aRemovedPathThatIsNotThereIsRefusedByName() {
        Manifest parent = tree(List.of(dir(""), file("m", "x", Fixtures.random(1, 10))));
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        ManifestDelta delta = new ManifestDelta(p.id(), ManifestHeader.of(parent), ManifestDigest.of(parent), List.of(),
                List.of("y"), null);
        assertThatThrownBy(() -> commitDelta("m", delta)).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("removes \"y\", which is not in parent point " + p.id());
        assertThat(repo.points(Optional.of("m"))).hasSize(1);
    }

    @Test
    void positionsOutOfRangeOrNotGivenAreRefused() {
        byte[] img = Fixtures.image(13, 8, BS);
        PointInfo p = repo.commitPoint("m", image("m", img), Fixtures.META);
        ManifestHeader h = new ManifestHeader("/srv/disk.img", SourceKind.IMAGE, BS);
        BlockRef some = new BlockRef(BlockId.of(Fixtures.random(1, BS)), BS);
        String anyDigest = "0".repeat(64);
        assertThatThrownBy(() -> new ManifestDelta(p.id(), h, anyDigest, List.of(), List.of(),
                new ManifestDelta.FileChange(0640, 0, 8L * BS, List.of(new ManifestDelta.Change(8, some)))))
                .hasMessageContaining("block position 8 is past the end of an entry of 32768 bytes (8 blocks of 4096)");
        assertThatThrownBy(() -> new ManifestDelta(p.id(), h, anyDigest, List.of(), List.of(),
                new ManifestDelta.FileChange(0640, 0, 8L * BS, List.of(new ManifestDelta.Change(3, some),
                        new ManifestDelta.Change(3, some))))).hasMessageContaining("is not after 3");
        // grown to 10 blocks, but only position 9 given: 8 is past the parent's end and unknown
        ManifestDelta gap = new ManifestDelta(p.id(), h, anyDigest, List.of(), List.of(),
                new ManifestDelta.FileChange(0640, 0, 10L * BS, List.of(new ManifestDelta.Change(9, some))));
        assertThatThrownBy(() -> commitDelta("m", gap))
                .hasMessageContaining("block position 8 is past the end of parent point " + p.id());
    }

    @Test
    void aDeltaWhoseResultIsNotWhatTheAgentReadIsRefusedAsAMismatch() {
        Manifest parent = tree(List.of(dir(""), file("m", "x", Fixtures.random(1, 10))));
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        Manifest child = tree(List.of(dir(""), file("m", "x", Fixtures.random(2, 10))));
        ManifestDelta honest = ManifestDelta.between(p.id(), parent, child);
        // the agent believed the parent held another "y" as well: its digest is of a manifest with y
        Manifest believed = tree(List.of(dir(""), file("m", "x", Fixtures.random(2, 10)), file("m", "y", new byte[1])));
        ManifestDelta wrong = new ManifestDelta(p.id(), honest.header(), ManifestDigest.of(believed), honest.entries(),
                honest.removed(), null);
        assertThatThrownBy(() -> commitDelta("m", wrong)).isInstanceOfSatisfying(DeltaRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(DeltaRefusedException.Reason.MISMATCH));
        assertThat(repo.manifest("m", commitDelta("m", honest).id())).isEqualTo(child);
    }

    @Test
    void aDeltaNamingABlockTheMachineDoesNotHoldIsRefused() {
        Manifest parent = tree(List.of(dir(""), file("m", "x", Fixtures.random(1, 10))));
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        byte[] other = Fixtures.random(3, 10);
        Entry stranger = new Entry("x", EntryType.FILE, 0644, 1, 10, null, List.of(new BlockRef(BlockId.of(other), 10)));
        Manifest child = tree(List.of(dir(""), stranger));
        assertThatThrownBy(() -> commitDelta("m", ManifestDelta.between(p.id(), parent, child)))
                .isInstanceOf(MissingBlocksException.class);
    }

    @Test
    void aParentThatCannotBeReadIsUnknownSoTheAgentSendsTheWholeManifest() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        try (Repository r = Repository.open(backend, RepositoryOptions.defaults())) {
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            Entry f = new Entry("", EntryType.FILE, 0640, 1, 3 * BS, null, Fixtures.cut(Fixtures.random(1, 3 * BS), BS, uploads));
            r.putBlocks("m", new ArrayList<>(uploads.values()));
            Manifest parent = new Manifest(Manifest.FORMAT_VERSION, "/d", SourceKind.IMAGE, BS, List.of(f));
            PointInfo p = r.commitPoint("m", parent, Fixtures.META);
            for (String name : backend.list(io.lifeboat.repository.backend.FileType.MANIFESTS)) {
                var h = new io.lifeboat.repository.backend.Handle(io.lifeboat.repository.backend.FileType.MANIFESTS, name);
                byte[] b = backend.read(h);
                b[b.length - 1] ^= 1;
                backend.delete(h);
                backend.create(h, b);
            }
            ManifestDelta delta = ManifestDelta.between(p.id(), parent, parent);
            assertThatThrownBy(() -> DeltaCommit.commit(r, "m", delta, Fixtures.META))
                    .isInstanceOfSatisfying(DeltaRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(DeltaRefusedException.Reason.UNKNOWN_PARENT))
                    .hasMessageContaining("cannot be read");
        }
    }

    @Test
    void aDeltaOfTheWrongFormForItsSourceIsRefused() {
        ManifestHeader tree = new ManifestHeader("/srv/www", SourceKind.DIRECTORY, BS);
        ManifestHeader img = new ManifestHeader("/srv/disk.img", SourceKind.IMAGE, BS);
        String d = "0".repeat(64);
        assertThatThrownBy(() -> new ManifestDelta("p", tree, d, List.of(), List.of(),
                new ManifestDelta.FileChange(0, 0, 0, List.of()))).hasMessageContaining("not block changes");
        assertThatThrownBy(() -> new ManifestDelta("p", img, d, List.of(dir("a")), List.of(), null))
                .hasMessageContaining("not entries");
        assertThatThrownBy(() -> new ManifestDelta("p", tree, d, List.of(dir("b"), dir("a")), List.of(), null))
                .hasMessageContaining("is not after");
        assertThatThrownBy(() -> new ManifestDelta("p", tree, d, List.of(dir("a")), List.of("a"), null))
                .hasMessageContaining("both changed and removed");
    }
}
