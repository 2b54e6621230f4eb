package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import io.lifeboat.repository.backend.azure.AzuriteExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two vault nodes (two {@link Repository} objects, each with its own backend object and table folder)
 * on one Azurite container, racing over the manifest chunks a commit stages without reading their
 * names (session 24): identical chunks stored by both in one second, a name damaged between a
 * commit's stage and its publish, a node killed after staging, and the sweep's grace for a salted
 * chunk whose commit failed before its point file.
 */
@Tag("integration")
class SharedStoreChunkRaceTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    static final int BS = 4096;
    static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path tables;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T01:00:00Z"));
    final AzureBlobStore store = new AzureBlobStore(AZURITE.get().newContainer(), "repo");

    /** This store's backend as a fresh object: what another node (or a damaged disk) writes through. */
    private Backend backend() {
        return AzureBlobBackend.open(store, AZURITE.get().connectionString());
    }

    private Repository node(String name, Backend backend) {
        return Repository.open(backend, RepositoryOptions.defaults().withClock(clock).withTableDir(tables.resolve(name))
                .withKeepNewest(10).withPruneGrace(GRACE).withPruneMargin(Duration.ofMinutes(30)));
    }

    @Test
    void twoNodesCommittingTheSameChunksInOneSecondBothCompleteAndReadBackWhole() throws Exception {
        CyclicBarrier bothStaged = new CyclicBarrier(2);
        Hooked firstStore = new Hooked(backend());
        Hooked secondStore = new Hooked(backend());
        firstStore.beforeChunks = files -> await(bothStaged);
        secondStore.beforeChunks = files -> await(bothStaged);
        try (Repository first = node("a", firstStore); Repository second = node("b", secondStore)) {
            // the same machine through both nodes (an agent that failed over mid-commit), and two more
            // machines at once, each through one node: the same chunk names race only within a machine
            Manifest one = tree(first, "m", 0);
            assertThat(tree(second, "m", 0)).isEqualTo(one);
            CompletableFuture<PointInfo> viaFirst = CompletableFuture.supplyAsync(() -> first.commitPoint("m", one, Fixtures.META));
            CompletableFuture<PointInfo> viaSecond = CompletableFuture.supplyAsync(() -> second.commitPoint("m", one, Fixtures.META));
            PointInfo p1 = viaFirst.get(2, TimeUnit.MINUTES);
            PointInfo p2 = viaSecond.get(2, TimeUnit.MINUTES);
            clock.advance(Duration.ofSeconds(2)); // past the refresh's one-second gap: each node learns the other's point

            for (Repository node : List.of(first, second)) {
                for (PointInfo p : List.of(p1, p2)) {
                    assertThat(node.manifest("m", p.id())).as("point %s read through each node", p.id()).isEqualTo(one);
                }
            }
            List<String> named = named(first, "m", p1);
            assertThat(named(first, "m", p2)).as("both points name the same chunks: the same bytes counted as stored")
                    .isEqualTo(named);
            assertThat(names("m")).as("no salted copy, nothing but the chunks named").containsExactlyInAnyOrderElementsOf(named);

            firstStore.beforeChunks = files -> { };
            secondStore.beforeChunks = files -> { };
            Manifest x = tree(first, "x", 1);
            Manifest y = tree(second, "y", 2);
            CompletableFuture<PointInfo> px = CompletableFuture.supplyAsync(() -> first.commitPoint("x", x, Fixtures.META));
            CompletableFuture<PointInfo> py = CompletableFuture.supplyAsync(() -> second.commitPoint("y", y, Fixtures.META));
            String xId = px.get(2, TimeUnit.MINUTES).id();
            String yId = py.get(2, TimeUnit.MINUTES).id();
            clock.advance(Duration.ofSeconds(2));
            assertThat(second.manifest("x", xId)).isEqualTo(x);
            assertThat(first.manifest("y", yId)).isEqualTo(y);
            assertThat(second.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aChunkNameDamagedBetweenStageAndPublishIsNeverReplacedAndThePointNamesASaltedCopy() throws Exception {
        Planted planted = new Planted();
        Hooked firstStore = damagingFirstChunk(planted);
        try (Repository first = node("a", firstStore); Repository second = node("b", backend())) {
            Manifest one = tree(first, "m", 0);

            PointInfo made = first.commitPoint("m", one, Fixtures.META);

            assertThat(planted.name).as("a name was damaged between the stage and the publish").isNotNull();
            assertThat(named(first, "m", made)).doesNotContain(planted.name)
                    .anyMatch(n -> n.startsWith(planted.name + "-") && n.length() == planted.name.length() + 9);
            clock.advance(Duration.ofSeconds(2));
            assertThat(second.manifest("m", made.id())).as("read back whole through the other node").isEqualTo(one);
            assertThat(planted.through.read(planted.handle)).as("the damaged file never replaced").isEqualTo(planted.bytes);

            // no group commit wedged: both nodes go on committing, the same machine included
            Manifest two = tree(second, "m", 1);
            clock.advance(Duration.ofSeconds(2)); // its chunks stored in another second: names of their own
            PointInfo next = second.commitPoint("m", two, Fixtures.META);
            Manifest three = tree(first, "m", 2);
            PointInfo last = first.commitPoint("m", three, Fixtures.META);
            clock.advance(Duration.ofSeconds(2));
            assertThat(first.manifest("m", next.id())).isEqualTo(two);
            assertThat(second.manifest("m", last.id())).isEqualTo(three);
            assertThat(second.manifest("m", made.id())).isEqualTo(one);
            assertThat(planted.through.read(planted.handle)).isEqualTo(planted.bytes);
        }
    }

    @Test
    void aNodeKilledAfterStagingLeavesTheOtherNodesPointsWholeAndNoPointNamingAMissingChunk() throws Exception {
        Hooked killedStore = new Hooked(backend());
        Repository killed = node("a", killedStore);
        String[] published = new String[1];
        PointInfo before;
        Manifest kept;
        try (Repository other = node("b", backend())) {
            kept = tree(killed, "m", 0);
            before = killed.commitPoint("m", kept, Fixtures.META);
            Manifest staged = tree(killed, "m", 1);
            killedStore.beforeChunks = files -> { // dies with its packs and its first chunk published, the rest not
                int firstChunk = 0;
                while (files.get(firstChunk).handle().type() != FileType.MANIFESTS) {
                    firstChunk++;
                }
                killedStore.publishOnly(files.subList(0, firstChunk + 1));
                String path = files.get(firstChunk).handle().name();
                published[0] = path.substring(path.indexOf('/') + 1);
                throw new IOException("killed in the middle of the publish");
            };
            assertThatThrownBy(() -> killed.commitPoint("m", staged, Fixtures.META)).hasStackTraceContaining("killed");
            killed.abandon();

            // the other node commits the same machine in the same second: the chunk the killed node
            // published is the same name holding the same bytes, and its point names it
            Manifest again = tree(other, "m", 1);
            assertThat(again).isEqualTo(staged);
            PointInfo after = other.commitPoint("m", again, Fixtures.META);
            clock.advance(GRACE.plusMinutes(1));
            other.prune(PruneRequest.byPolicy(false));
            clock.advance(GRACE.plusMinutes(1)); // condemned packs, if any, fall due
            other.prune(PruneRequest.byPolicy(false));
            assertThat(other.manifest("m", before.id())).isEqualTo(kept);
            assertThat(other.manifest("m", after.id())).isEqualTo(again);
            assertThat(names("m")).as("the chunk the killed node published").contains(published[0]);
        }
        try (Repository reopened = node("a", backend())) {
            assertThat(reopened.points(Optional.of("m"))).extracting(PointInfo::id).hasSize(2).contains(before.id());
            for (PointInfo p : reopened.points(Optional.of("m"))) {
                assertThat(names("m")).as("every chunk point %s names is stored", p.id()).containsAll(named(reopened, "m", p));
            }
            assertThat(reopened.verify(Optional.empty()).ok()).isTrue();
            assertThat(reopened.manifest("m", before.id())).isEqualTo(kept);
        }
    }

    @Test
    void aSaltedChunkOfACommitThatFailedBeforeItsPointIsCollectedAfterTheGraceOnlyAndANamedOneNever() throws Exception {
        Planted planted = new Planted();
        Hooked firstStore = damagingFirstChunk(planted);
        firstStore.failPointFile = true;
        try (Repository first = node("a", firstStore); Repository second = node("b", backend())) {
            Manifest one = tree(first, "m", 0);
            assertThatThrownBy(() -> first.commitPoint("m", one, Fixtures.META)).hasStackTraceContaining("disk full");
            List<String> orphans = names("m").stream().filter(n -> n.startsWith(planted.name + "-")).toList();
            assertThat(orphans).as("the failed commit published its salted chunk, which no point names").hasSize(1);

            // the same manifest in the same second: the damaged name is found again, a salted copy named
            firstStore.failPointFile = false;
            PointInfo made = first.commitPoint("m", one, Fixtures.META);
            List<String> named = named(first, "m", made);
            assertThat(named).doesNotContain(planted.name).noneMatch(orphans::contains)
                    .anyMatch(n -> n.startsWith(planted.name + "-"));

            clock.advance(GRACE.minusMinutes(1));
            second.prune(PruneRequest.byPolicy(false));
            assertThat(names("m")).as("within the grace: kept").containsAll(orphans);

            clock.advance(Duration.ofMinutes(2));
            second.prune(PruneRequest.byPolicy(false));
            assertThat(names("m")).as("past the grace: collected").doesNotContainAnyElementsOf(orphans)
                    .containsAll(named);
            clock.advance(GRACE.multipliedBy(3));
            first.prune(PruneRequest.byPolicy(false));
            assertThat(names("m")).as("a named salted chunk never").containsAll(named);
            assertThat(second.manifest("m", made.id())).isEqualTo(one);
            assertThat(second.verify(Optional.empty()).ok()).isTrue();
        }
    }

    /** The names of the manifest chunks and filter parts of {@code machine} on the store. */
    private List<String> names(String machine) throws IOException {
        return RepositoryFiles.names(backend().list(FileType.MANIFESTS), machine).stream()
                .map(f -> f.substring(machine.length() + 1)).toList();
    }

    /** The chunks and filter parts point {@code p}'s file names. */
    private static List<String> named(Repository repo, String machine, PointInfo p) throws IOException {
        RepositoryFiles.PointFile file = repo.manifests.pointFile(machine, p.id());
        List<String> named = new ArrayList<>(file.chunks());
        named.addAll(file.blockFilters());
        return named;
    }

    private static void await(CyclicBarrier barrier) throws IOException {
        try {
            barrier.await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IOException("the other node never reached its publish", e);
        }
    }

    /** A tree of 200 files whose blocks {@code repo} stores for {@code machine}; {@code version} changes two. */
    private static Manifest tree(Repository repo, String machine, int version) {
        List<Entry> entries = new ArrayList<>(List.of(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of())));
        for (int i = 0; i < 200; i++) {
            int seed = (i == 7 || i == 150) ? i + 1000 * version : i;
            byte[] data = Fixtures.random(seed, 100 + i);
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            List<BlockRef> refs = Fixtures.cut(data, BS, uploads);
            List<BlockUpload> send = uploads.values().stream().filter(u -> !repo.missing(machine, List.of(u.id())).isEmpty()).toList();
            if (!send.isEmpty()) {
                repo.putBlocks(machine, send);
            }
            entries.add(new Entry(String.format("f%04d", i), EntryType.FILE, 0644, 1, data.length, null, refs));
        }
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/www", SourceKind.DIRECTORY, BS, entries);
    }

    /** A node's store on which {@code planted} damages the first chunk name of its first publish of chunks. */
    private Hooked damagingFirstChunk(Planted planted) {
        Backend damaging = backend();
        Hooked store = new Hooked(backend());
        store.beforeChunks = files -> planted.once(damaging, files);
        return store;
    }

    /** Other bytes planted under the first staged chunk's name, once: a damaged file another node finds. */
    private static final class Planted {
        volatile Backend through;
        volatile Handle handle;
        volatile String name;
        volatile byte[] bytes;

        void once(Backend through, List<Backend.Staged> files) throws IOException {
            if (handle != null) {
                return;
            }
            Backend.HeldInMemory chunk = (Backend.HeldInMemory) files.stream()
                    .filter(s -> s.handle().type() == FileType.MANIFESTS).findFirst().orElseThrow();
            byte[] other = chunk.data().clone();
            other[0] ^= 1;
            assertThat(through.create(chunk.handle(), other)).isTrue();
            bytes = other;
            this.through = through;
            handle = chunk.handle();
            name = handle.name().substring(handle.name().indexOf('/') + 1);
        }
    }

    @FunctionalInterface
    interface Hook {
        void run(List<Backend.Staged> files) throws IOException;
    }

    /**
     * A node's store with a hook run before a publish that holds manifest chunks (after the commit
     * staged them, before any is visible); with {@link #failPointFile} a point file's create fails,
     * as on a full disk.
     */
    static final class Hooked extends VersionsForwarding {
        volatile Hook beforeChunks = files -> { };
        volatile boolean failPointFile;

        Hooked(Backend inner) {
            super(inner);
        }

        /** The store's own publish of {@code files}, without the hook. */
        void publishOnly(List<Staged> files) throws IOException {
            super.publish(files);
        }

        @Override
        public void publish(List<Staged> files) throws IOException {
            if (files.stream().anyMatch(s -> s.handle().type() == FileType.MANIFESTS)) {
                beforeChunks.run(files);
            }
            super.publish(files);
        }

        @Override
        public boolean create(Handle h, byte[] data) throws IOException {
            if (failPointFile && h.type() == FileType.POINTS) {
                throw new IOException("disk full");
            }
            return inner.create(h, data);
        }

        // what makes the store shared passes through: the prune lease and upload times (versioned state: the base)
        @Override
        public Optional<io.lifeboat.repository.backend.WriterLease> writerLease() {
            return inner.writerLease();
        }

        @Override
        public Optional<Instant> createdAt(Handle h) throws IOException {
            return inner.createdAt(h);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
