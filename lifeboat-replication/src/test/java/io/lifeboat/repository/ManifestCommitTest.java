package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.tls.LifeboatException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A point sent as chunks and then a commit naming them: nothing is visible before the commit, an
 * interrupted one leaves only chunks that retention collects after the grace period, and the commit
 * holds the whole manifest to every rule even when each chunk passed on its own.
 */
class ManifestCommitTest {
    static final int BS = 4096;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final MemoryBackend backend = new MemoryBackend();

    RepositoryOptions options() {
        return RepositoryOptions.defaults().withClock(clock).withKeepNewest(1);
    }

    /** Uploads the cut's blocks and sends its manifest as small chunks; returns their names. */
    static List<String> send(Repository repo, String machine, Fixtures.Cut cut) {
        repo.putBlocks(machine, cut.uploadList());
        List<String> names = new ArrayList<>();
        ManifestChunker.write(cut.manifest(), new ManifestChunker(c -> names.add(repo.putManifestChunk(machine, c)), 1024));
        return names;
    }

    static Fixtures.Cut image(long seed) {
        return Fixtures.cutImage(Fixtures.image(seed, 200, BS), BS, SourceKind.IMAGE);
    }

    @Test
    void anInterruptedCommitShowsNothingAndItsChunksAreCollectedAfterTheGracePeriod() {
        Fixtures.Cut first = image(1);
        Fixtures.Cut second = image(2);
        List<String> orphaned;
        try (Repository repo = Repository.open(backend, options())) {
            Fixtures.protect(repo, "m", first);
            orphaned = send(repo, "m", second);
            assertThat(orphaned.size()).isGreaterThan(3);
            repo.abandon(); // killed between the last chunk and the commit
        }
        try (Repository repo = Repository.open(backend, options())) {
            assertThat(repo.points(Optional.of("m"))).hasSize(1);
            assertThat(repo.manifest("m", "latest")).isEqualTo(first.manifest());
            // the blocks the killed vault had answered but not yet made durable (group commit) are
            // missing, and sent again; a commit within the grace period still finds its chunks
            assertThat(repo.missing("m", second.uploads().keySet())).isNotEmpty();
            Set<BlockId> lacking = repo.missing("m", second.uploads().keySet());
            repo.putBlocks("m", second.uploads().values().stream().filter(u -> lacking.contains(u.id())).toList());
            clock.advance(Duration.ofHours(1));
            PointInfo late = repo.commitPoint("m", ManifestHeader.of(second.manifest()), orphaned, Fixtures.META);
            assertThat(repo.manifest("m", late.id())).isEqualTo(second.manifest());

            List<String> again = send(repo, "m", image(3));
            clock.advance(Duration.ofHours(7));
            Fixtures.protect(repo, "m", image(4)); // retention runs: the chunks of image 3 are past the grace
            List<String> left = backend.list(FileType.MANIFESTS);
            for (String name : again) {
                assertThat(left).doesNotContain("m/" + name);
            }
            assertThat(repo.points(Optional.of("m"))).hasSize(1);
            assertThat(repo.manifest("m", "latest")).isEqualTo(image(4).manifest());
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            assertThatThrownBy(() -> repo.commitPoint("m", ManifestHeader.of(second.manifest()), again, Fixtures.META))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("has no manifest chunk " + again.get(0));
        }
    }

    @Test
    void theCommitHoldsTheWholeManifestToTheRulesThatNoChunkCouldCheckAlone() {
        try (Repository repo = Repository.open(backend, options())) {
            Fixtures.Cut cut = image(5);
            List<String> names = send(repo, "m", cut);
            // the chunks of one entry, less the last: every chunk passed, the sizes do not add up
            List<String> cutShort = names.subList(0, names.size() - 1);
            assertThatThrownBy(() -> repo.commitPoint("m", ManifestHeader.of(cut.manifest()), cutShort, Fixtures.META))
                    .isInstanceOf(LifeboatException.class).hasMessageContaining("blocks add up to");
            // the same entry twice
            List<String> twice = new ArrayList<>(names);
            twice.addAll(names);
            assertThatThrownBy(() -> repo.commitPoint("m", ManifestHeader.of(cut.manifest()), twice, Fixtures.META))
                    .hasMessageContaining("exactly one FILE entry");
            // a block size smaller than the blocks
            assertThatThrownBy(() -> repo.commitPoint("m", new ManifestHeader("/x", SourceKind.IMAGE, 1024), names, Fixtures.META))
                    .hasMessageContaining("exceeds the block size 1024");
            // another machine cannot name them
            assertThatThrownBy(() -> repo.commitPoint("other", ManifestHeader.of(cut.manifest()), names, Fixtures.META))
                    .isInstanceOf(NotFoundException.class);
            assertThat(repo.points(Optional.empty())).isEmpty();
            PointInfo p = repo.commitPoint("m", ManifestHeader.of(cut.manifest()), names, Fixtures.META);
            assertThat(repo.manifest("m", p.id())).isEqualTo(cut.manifest());
        }
    }

    @Test
    void aChunkNamingBlocksTheMachineHasNotStoredIsRefusedAsItArrives() {
        try (Repository repo = Repository.open(backend, options())) {
            Fixtures.Cut cut = image(6);
            repo.putBlocks("other", cut.uploadList()); // stored, but for another machine
            List<byte[]> chunks = new ArrayList<>();
            ManifestChunker.write(cut.manifest(), new ManifestChunker(chunks::add, 1024));
            assertThatThrownBy(() -> repo.putManifestChunk("m", chunks.get(0)))
                    .isInstanceOf(MissingBlocksException.class).hasMessageContaining("cannot commit the point of machine m");
            assertThatThrownBy(() -> repo.putManifestChunk("m", new byte[] {1, 2, 3, 4, 5}))
                    .isInstanceOf(IntegrityException.class).hasMessageStartingWith("manifest chunk of machine m: ");
            assertThat(backend.list(FileType.MANIFESTS)).isEmpty();
        }
    }

    @Test
    void aRepositoryOfFormatOneIsRefusedWithWhatToDoAndLeftUntouched() throws Exception {
        byte[] v1 = "{\"version\":1,\"id\":\"x\",\"created\":\"2026-01-01T00:00:00Z\",\"packFormat\":\"LBPACK01\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        backend.create(io.lifeboat.repository.backend.Handle.CONFIG, v1);
        for (RepositoryOptions o : List.of(options(), options().withReadOnly(true))) {
            assertThatThrownBy(() -> Repository.open(backend, o)).isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("has format version 1").hasMessageContaining("reads version 2")
                    .hasMessageContaining("start a new vault folder");
        }
        assertThat(backend.read(io.lifeboat.repository.backend.Handle.CONFIG)).isEqualTo(v1);
        assertThat(backend.list(FileType.LOCKS)).as("no lock left behind").isEmpty();
    }

    static Entry dir(String path) {
        return new Entry(path, EntryType.DIRECTORY, 0755, 0, 0, null, List.of());
    }

    static Manifest tree(String... dirs) {
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/t", SourceKind.DIRECTORY, BS,
                java.util.Arrays.stream(dirs).map(ManifestCommitTest::dir).toList());
    }

    @Test
    void pathsListedAsTheAgentListsThemAreCheckedWithoutASetAndAnyOtherOrderStillCommits() {
        // depth first, each folder's names sorted: strictly increasing, '/' lowest
        String[] agentOrder = {"", "a", "a/b", "a/b/c", "a-z", "a.d", "a.d/e", "ab", "é"};
        for (int i = 1; i < agentOrder.length; i++) {
            assertThat(ManifestCheck.comparePaths(agentOrder[i - 1], agentOrder[i])).as(agentOrder[i]).isNegative();
        }
        ManifestCheck ordered = ManifestCheck.whole(SourceKind.DIRECTORY, BS, BS, id -> true).expectingOrder();
        tree(agentOrder).entries().forEach(ordered::entry);
        ordered.finish("m");
        ManifestCheck again = ManifestCheck.whole(SourceKind.DIRECTORY, BS, BS, id -> true).expectingOrder();
        again.entry(dir("b"));
        assertThatThrownBy(() -> again.entry(dir("a"))).isInstanceOf(ManifestCheck.OutOfOrder.class);

        try (Repository repo = Repository.open(backend, options())) {
            Manifest shuffled = tree("", "b", "a", "a/x");
            PointInfo p = repo.commitPoint("m", shuffled, Fixtures.META);
            assertThat(repo.manifest("m", p.id())).isEqualTo(shuffled);
            List<String> names = new ArrayList<>();
            // the same path in two chunks (each chunk alone is fine): out of order, then found twice
            List<String> dirs = new ArrayList<>(List.of("", "a"));
            for (int i = 0; i < 200; i++) {
                dirs.add(String.format("b%03d", i));
            }
            dirs.add("a");
            ManifestChunker.write(tree(dirs.toArray(new String[0])),
                    new ManifestChunker(c -> names.add(repo.putManifestChunk("m", c)), 1024));
            assertThat(names.size()).isGreaterThan(2);
            assertThatThrownBy(() -> repo.commitPoint("m", new ManifestHeader("/srv/t", SourceKind.DIRECTORY, BS), names,
                    Fixtures.META)).isInstanceOf(LifeboatException.class).hasMessage("manifest path appears twice: \"a\"");
        }
    }
}
