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
    void aChunkStagedTwiceInOneSecondKeepsItsNameAndOtherBytesUnderItsNameGetASaltedOne() throws IOException {
        MemoryBackend backend = new MemoryBackend();
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-07T12:00:00Z"));
        ManifestStore store = new ManifestStore(backend, RepositoryOptions.defaults().withClock(clock));
        byte[] chunk = Fixtures.random(5, 300);

        ManifestStore.StagedChunk first = store.stage("m", chunk);
        assertThat(backend.list(FileType.MANIFESTS)).as("staged: not under its name yet").isEmpty();
        backend.publish(List.of(first.staged()));
        ManifestStore.StagedChunk again = store.stage("m", chunk);
        assertThat(again.name()).isEqualTo(first.name());
        assertThat(again.staged()).as("the name holds these bytes already: nothing to write").isNull();

        byte[] other = Fixtures.random(6, 300);
        backend.delete(ManifestStore.handle("m", first.name()));
        backend.create(ManifestStore.handle("m", first.name()), other); // damaged under the name
        ManifestStore.StagedChunk salted = store.stage("m", chunk);
        assertThat(salted.name()).startsWith(first.name() + "-").hasSize(first.name().length() + 9);
        backend.publish(List.of(salted.staged()));
        assertThat(store.read("m", salted.name())).isEqualTo(chunk);
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
        public void publish(List<Staged> files) throws IOException {
            log.add("publish " + String.join(", ", files.stream().map(s -> s.handle().type() + " " + s.handle().name()).toList()));
            inner.publish(files); // the inner store's creates, not this one's: not logged as creates
        }
    }
}
