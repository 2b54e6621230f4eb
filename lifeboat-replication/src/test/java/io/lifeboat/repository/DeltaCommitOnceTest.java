package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delta commit checks the manifest it builds once, as it builds it: the parent's chunks are read
 * once, the chunks built are stored and never read back, the point counts what a whole commit of the
 * same manifest counts, and a manifest whose paths come out of the agent's order is checked again
 * keeping every path, as a whole commit does.
 */
class DeltaCommitOnceTest {
    static final int BS = 4096;
    final ReadCounting backend = new ReadCounting(new MemoryBackend());
    final Repository repo = Repository.open(backend, RepositoryOptions.defaults());

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void theParentIsReadOnceAndTheBuiltChunksAreNeverReadBack() {
        List<Entry> entries = new ArrayList<>(List.of(dir("")));
        for (int i = 0; i < 300; i++) {
            entries.add(file(String.format("f%04d", i), Fixtures.random(i, 100 + i)));
        }
        Manifest parent = tree(entries);
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        List<Entry> changed = new ArrayList<>(entries);
        changed.set(7, file("f0006", Fixtures.random(1000, 77)));
        changed.set(200, file("f0199", Fixtures.random(1001, 5000)));
        Manifest child = tree(changed);
        int parentChunks = repo.manifestSummary("m", p.id()).chunks();

        backend.manifestReads.set(0);
        PointInfo made = DeltaCommit.commit(repo, "m", ManifestDelta.between(p.id(), parent, child), Fixtures.META);
        assertThat(backend.manifestReads.get()).isEqualTo(parentChunks);

        assertThat(repo.manifest("m", made.id())).isEqualTo(child);
        PointInfo whole = repo.commitPoint("m", child, Fixtures.META);
        assertThat(repo.manifestSummary("m", made.id())).isEqualTo(repo.manifestSummary("m", whole.id()));
        assertThat(made.sourceBytes()).isEqualTo(whole.sourceBytes()).isEqualTo(child.sourceBytes());
    }

    @Test
    void aResultOutOfTheAgentsOrderIsCheckedAgainKeepingEveryPath() {
        // "a b" sorts before "a/x" as strings, after it as the agent lists a tree ('/' first): this
        // parent was not listed by an agent, and a whole commit of it takes the second, unordered check
        Manifest parent = tree(List.of(dir(""), file("a b", Fixtures.random(1, 10)), dir("a"),
                file("a/x", Fixtures.random(2, 20))));
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        Entry added = file("z", Fixtures.random(3, 30));
        List<Entry> entries = new ArrayList<>(parent.entries());
        entries.add(added);
        Manifest child = tree(entries);
        ManifestDelta delta = new ManifestDelta(p.id(), ManifestHeader.of(child), ManifestDigest.of(child),
                List.of(added), List.of(), null);

        PointInfo made = DeltaCommit.commit(repo, "m", delta, Fixtures.META);
        assertThat(repo.manifest("m", made.id())).isEqualTo(child);
        assertThat(repo.manifestSummary("m", made.id()).entries()).isEqualTo(5);
    }

    @Test
    void aRefusedDeltaCommitsNoPointAndAMissingBlockIsNamed() {
        Manifest parent = tree(List.of(dir(""), file("x", Fixtures.random(1, 10))));
        PointInfo p = repo.commitPoint("m", parent, Fixtures.META);
        byte[] notStored = Fixtures.random(9, 10);
        BlockId missing = BlockId.of(notStored);
        Manifest child = tree(List.of(dir(""), file("x", Fixtures.random(1, 10)),
                new Entry("y", EntryType.FILE, 0644, 1, 10, null, List.of(new BlockRef(missing, 10)))));

        assertThatThrownBy(() -> DeltaCommit.commit(repo, "m", ManifestDelta.between(p.id(), parent, child), Fixtures.META))
                .isInstanceOf(MissingBlocksException.class).hasMessageContaining(missing.toString());
        assertThat(repo.points(Optional.of("m"))).extracting(PointInfo::id).containsExactly(p.id());
    }

    private Entry file(String path, byte[] data) {
        Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
        List<BlockRef> refs = Fixtures.cut(data, BS, uploads);
        repo.putBlocks("m", new ArrayList<>(uploads.values()));
        return new Entry(path, EntryType.FILE, 0644, 1_700_000_000_000_000_000L, data.length, null, refs);
    }

    private static Entry dir(String path) {
        return new Entry(path, EntryType.DIRECTORY, 0755, 1_700_000_000_000_000_000L, 0, null, List.of());
    }

    private static Manifest tree(List<Entry> entries) {
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/www", SourceKind.DIRECTORY, BS, entries);
    }

    /** A store that counts the reads of manifest chunks. */
    static final class ReadCounting extends VersionsForwarding {
        final AtomicInteger manifestReads = new AtomicInteger();

        ReadCounting(Backend inner) {
            super(inner);
        }

        @Override
        public byte[] read(Handle h) throws IOException {
            byte[] read = inner.read(h); // a read that finds nothing throws before it is counted
            if (h.type() == FileType.MANIFESTS) {
                manifestReads.incrementAndGet();
            }
            return read;
        }

        @Override
        public byte[] read(Handle h, long offset, int length) throws IOException {
            if (h.type() == FileType.MANIFESTS) {
                manifestReads.incrementAndGet();
            }
            return inner.read(h, offset, length);
        }
    }
}
