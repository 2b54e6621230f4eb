package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.ForwardingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest chunks and block filter parts a commit writes are staged and made durable by the
 * commit's group commit, with the pass's packs, before the point file names them (issue 14, session
 * 19), instead of each being synced on its own as it is stored.
 */
class ManifestWrittenBehindTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    @Test
    void aDeltaCommitsChunksArePublishedWithItsPacksBeforeItsPointFile() throws IOException {
        Recording backend = new Recording(new MemoryBackend());
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            Manifest parent = tree(repo, 0);
            PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
            Manifest child = tree(repo, 1);
            backend.log.clear();

            PointInfo made = DeltaCommit.commit(repo, "m", ManifestDelta.between(p.id(), parent, child), Fixtures.META);

            RepositoryFiles.PointFile file = repo.manifests.pointFile("m", made.id());
            List<String> named = new ArrayList<>(file.chunks());
            named.addAll(file.blockFilters());
            assertThat(file.blockFilters()).as("the point has a block filter").isNotEmpty();
            assertThat(backend.log).as("no chunk nor filter part synced on its own").noneMatch(l -> l.startsWith("create MANIFESTS"));
            int point = backend.log.indexOf(backend.log.stream().filter(l -> l.startsWith("create POINTS")).findFirst().orElseThrow());
            List<String> published = backend.log.subList(0, point).stream().filter(l -> l.startsWith("publish ")).toList();
            assertThat(published).as("one group commit before the point file").hasSize(1);
            assertThat(published.get(0)).as("the pass's pack first").startsWith("publish DATA");
            for (String chunk : named) {
                assertThat(published.get(0)).as("chunk or filter part " + chunk).contains("MANIFESTS m/" + chunk);
            }
            assertThat(repo.manifest("m", made.id())).isEqualTo(child);
        }
    }

    @Test
    void aRefusedCommitLeavesNoTemporaryOfWhatItStaged() throws IOException {
        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults())) {
            Manifest parent = tree(repo, 0);
            PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
            byte[] notStored = Fixtures.random(99, 10);
            List<Entry> entries = new ArrayList<>(parent.entries());
            entries.add(new Entry("zz", EntryType.FILE, 0644, 1, 10, null, List.of(new BlockRef(BlockId.of(notStored), 10))));
            Manifest refused = new Manifest(Manifest.FORMAT_VERSION, "/srv/www", SourceKind.DIRECTORY, BS, entries);

            assertThatThrownBy(() -> DeltaCommit.commit(repo, "m", ManifestDelta.between(p.id(), parent, refused), Fixtures.META))
                    .isInstanceOf(MissingBlocksException.class);

            assertThat(temporaries("manifests")).as("the chunk the refused commit staged is discarded").isEmpty();
            assertThat(repo.points(Optional.of("m"))).extracting(PointInfo::id).containsExactly(p.id());
        }
    }

    @Test
    void aChunkIsStagedWithoutReadingItsNameAndOneStoredTwiceInOneSecondKeepsItsName() throws IOException {
        Recording backend = new Recording(new MemoryBackend());
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-07T12:00:00Z"));
        ManifestStore store = new ManifestStore(backend, RepositoryOptions.defaults().withClock(clock));
        byte[] chunk = Fixtures.random(5, 300);

        ManifestStore.StagedChunk first = store.stage("m", chunk);
        assertThat(backend.list(FileType.MANIFESTS)).as("staged: not under its name yet").isEmpty();
        backend.publish(List.of(first.staged()));
        ManifestStore.StagedChunk again = store.stage("m", chunk);
        assertThat(again.name()).isEqualTo(first.name());
        backend.publish(List.of(again.staged())); // the name holds these bytes: published

        assertThat(backend.log).as("no name read before its stage").noneMatch(l -> l.startsWith("read "));
        assertThat(store.read("m", first.name())).isEqualTo(chunk);
    }

    /**
     * A name the publish finds holding other bytes (put there by another node between the stage and the
     * publish, or a damaged file) is never replaced: the commit publishes the chunk under a salted name
     * and its point names that one; the same bytes there count as the chunk stored.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "local={0} same bytes={1}")
    @org.junit.jupiter.params.provider.CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void aNameTakenBetweenStageAndPublishKeepsItsFileAndThePoint(boolean local, boolean sameBytes) throws IOException {
        Racing backend = new Racing(local ? new LocalBackend(dir) : new MemoryBackend(), sameBytes);
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            Manifest manifest = tree(repo, 0);

            PointInfo made = repo.commitPoint("m", manifest, Fixtures.META);

            assertThat(backend.taken).as("a name was taken at the publish").isNotNull();
            String name = backend.taken.name().substring(2);
            RepositoryFiles.PointFile file = repo.manifests.pointFile("m", made.id());
            List<String> named = new ArrayList<>(file.chunks());
            named.addAll(file.blockFilters());
            assertThat(backend.read(backend.taken)).as("never replaced").isEqualTo(backend.planted);
            if (sameBytes) {
                assertThat(named).contains(name);
            } else {
                assertThat(named).doesNotContain(name).anyMatch(n -> n.startsWith(name + "-") && n.length() == name.length() + 9);
            }
            assertThat(repo.manifest("m", made.id())).isEqualTo(manifest);
            assertThat(repo.manifests.blockFilter(made)).as("its filter reads whole").isPresent();
        }
        if (local) {
            assertThat(temporaries("manifests")).as("no temporary left").isEmpty();
        }
    }

    /**
     * A group commit that fails after its publish set a taken name's file aside (the disk filled, say):
     * the commit fails, the set-aside file's temporary is dropped with it rather than kept until the
     * next open, and the next commit goes through.
     */
    @Test
    void aGroupCommitFailingAfterANameWasTakenDropsTheFileSetAside() throws IOException {
        Racing backend = new Racing(new LocalBackend(dir), false);
        backend.failAfterTaken = true;
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            Manifest manifest = tree(repo, 0);
            assertThatThrownBy(() -> repo.commitPoint("m", manifest, Fixtures.META)).hasStackTraceContaining("disk full");
            assertThat(backend.taken).as("a name was taken at the publish").isNotNull();

            backend.failAfterTaken = false;
            PointInfo made = repo.commitPoint("m", tree(repo, 1), Fixtures.META);

            assertThat(repo.manifest("m", made.id())).isEqualTo(tree(repo, 1));
            assertThat(temporaries("manifests")).as("no temporary of the failed commit's files, the set-aside one included")
                    .isEmpty();
            assertThat(backend.read(backend.taken)).as("the taken name never replaced").isEqualTo(backend.planted);
        }
    }

    /** A crash after the stage and before the publish: the commit fails, and after the restart no point names a missing chunk. */
    @Test
    void aCrashBetweenStageAndPublishLeavesNoPointNamingAMissingChunk() throws IOException {
        Racing killed = new Racing(new LocalBackend(dir), false);
        killed.killAtPublish = true;
        PointInfo first;
        Manifest before;
        Repository repo = Repository.open(killed, RepositoryOptions.defaults());
        before = tree(repo, 0);
        first = repo.commitPoint("m", before, Fixtures.META);
        killed.killed = true;
        Manifest after = tree(repo, 1);
        assertThatThrownBy(() -> DeltaCommit.commit(repo, "m", ManifestDelta.between(first.id(), before, after), Fixtures.META))
                .hasStackTraceContaining("killed");
        repo.abandon();

        try (Repository again = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults())) {
            assertThat(again.points(Optional.of("m"))).extracting(PointInfo::id).containsExactly(first.id());
            assertThat(again.manifest("m", first.id())).isEqualTo(before);
            assertThat(again.verify(Optional.empty()).ok()).isTrue();
            assertThat(temporaries("manifests")).as("the staged chunks were temporaries, removed at the open").isEmpty();
        }
    }

    private List<Path> temporaries(String folder) throws IOException {
        Path root = dir.resolve(folder);
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList();
        }
    }

    /** A tree of 300 files whose blocks are stored; {@code version} changes two of them. */
    private static Manifest tree(Repository repo, int version) {
        List<Entry> entries = new ArrayList<>(List.of(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of())));
        for (int i = 0; i < 300; i++) {
            int seed = (i == 7 || i == 200) ? i + 1000 * version : i;
            byte[] data = Fixtures.random(seed, 100 + i);
            Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
            List<BlockRef> refs = Fixtures.cut(data, BS, uploads);
            List<BlockUpload> send = uploads.values().stream().filter(u -> !repo.missing("m", List.of(u.id())).isEmpty()).toList();
            if (!send.isEmpty()) {
                repo.putBlocks("m", send);
            }
            entries.add(new Entry(String.format("f%04d", i), EntryType.FILE, 0644, 1, data.length, null, refs));
        }
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/www", SourceKind.DIRECTORY, BS, entries);
    }

    /**
     * A store on which another node creates a file under the name of the first manifest chunk or filter
     * part of a publish just before it: these bytes ({@code sameBytes}) or others. With
     * {@link #killAtPublish}, once {@link #killed}, a publish that holds manifest files dies before it
     * writes anything (a kill between the stage and the publish).
     */
    static final class Racing extends ForwardingBackend {
        private final boolean sameBytes;
        private final Map<Staged, byte[]> bytes = new java.util.concurrent.ConcurrentHashMap<>();
        volatile Handle taken;
        volatile byte[] planted;
        boolean killAtPublish;
        volatile boolean killed;
        /** Every publish after the name was taken fails, as on a full disk. */
        volatile boolean failAfterTaken;

        Racing(Backend inner, boolean sameBytes) {
            super(inner);
            this.sameBytes = sameBytes;
        }

        @Override
        public Staged stage(Handle h, byte[] data, int offset, int length) throws IOException {
            Staged s = inner.stage(h, data, offset, length);
            bytes.put(s, java.util.Arrays.copyOfRange(data, offset, offset + length));
            return s;
        }

        @Override
        public Staged stage(Handle h, java.nio.ByteBuffer data) throws IOException {
            return inner.stage(h, data);
        }

        @Override
        public void publish(List<Staged> files) throws IOException {
            Optional<Staged> chunk = files.stream().filter(s -> s.handle().type() == FileType.MANIFESTS).findFirst();
            if (killAtPublish && killed && chunk.isPresent()) {
                throw new IOException("killed between the stage and the publish");
            }
            if (failAfterTaken && taken != null) {
                throw new IOException("disk full");
            }
            if (!killAtPublish && taken == null && chunk.isPresent()) {
                byte[] mine = bytes.get(chunk.get());
                byte[] other = mine.clone();
                other[0] ^= 1;
                planted = sameBytes ? mine : other;
                taken = chunk.get().handle();
                inner.create(taken, planted);
            }
            inner.publish(files);
        }

        @Override
        public Staged renamed(Staged s, Handle to) throws IOException {
            return inner.renamed(s, to);
        }

        @Override
        public void discard(List<Staged> files) {
            inner.discard(files);
        }

        @Override
        public void removeTemporaries() throws IOException {
            inner.removeTemporaries();
        }
    }

    /** A store that logs its writes: "create TYPE name", "publish TYPE name, TYPE name, ...". */
    static final class Recording extends ForwardingBackend {
        final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

        Recording(Backend inner) {
            super(inner);
        }

        @Override
        public boolean create(Handle h, byte[] data) throws IOException {
            log.add("create " + h.type() + " " + h.name());
            return inner.create(h, data);
        }

        @Override
        public Staged stage(Handle h, byte[] data, int offset, int length) throws IOException {
            return inner.stage(h, data, offset, length);
        }

        @Override
        public byte[] read(Handle h) throws IOException {
            log.add("read " + h.type() + " " + h.name());
            return inner.read(h);
        }

        @Override
        public void publish(List<Staged> files) throws IOException {
            log.add("publish " + String.join(", ", files.stream().map(s -> s.handle().type() + " " + s.handle().name()).toList()));
            inner.publish(files); // the inner store's creates, not this one's: not logged as creates
        }
    }
}
