package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestDelta;
import io.lifeboat.repository.SourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A tree's delta built from the records walked in step with the new manifest ({@link
 * PreviousPoint#changesTo}) is the delta {@link ManifestDelta#between} gives from the last point's
 * whole manifest: over trees changed at random (files and folders added, removed, rewritten,
 * re-made equal, at the start, middle and end), and with the same refusals.
 */
class TreeChangesTest {
    private static final int BS = 4096;
    private static final String SOURCE = "/srv/tree";
    private static final String POINT = "20261206T230000Z-0123abcd";

    @Test
    void theChangesAreThoseOfTheWholeManifestsDeltaForRandomTrees() {
        for (long seed = 1; seed <= 300; seed++) {
            Random rnd = new Random(seed);
            Manifest parent = tree(rnd);
            PreviousPoint previous = recorded(parent, Map.of());
            Manifest whole = previous.manifest(SOURCE, SourceKind.DIRECTORY);
            assertThat(whole.entries()).as("seed %d", seed).isEqualTo(parent.entries());
            Manifest child = changed(whole, rnd);

            ManifestDelta expected = ManifestDelta.between(POINT, whole, child);
            PreviousPoint.TreeChanges changes = previous.changesTo(child);

            assertThat(changes).as("seed %d", seed).isNotNull();
            assertThat(changes.changed()).as("seed %d: changed entries", seed).isEqualTo(expected.entries());
            assertThat(changes.removed()).as("seed %d: removed paths", seed).isEqualTo(expected.removed());
        }
    }

    @Test
    void aSmallChangeGoesAsTheSameDeltaAsFromTheWholeManifest() {
        Random rnd = new Random(7);
        Manifest parent = tree(rnd);
        PreviousPoint previous = recorded(parent, Map.of());
        Manifest whole = previous.manifest(SOURCE, SourceKind.DIRECTORY);
        List<Entry> entries = new ArrayList<>(whole.entries());
        int at = entries.size() / 2;
        while (entries.get(at).type() != EntryType.FILE) {
            at++;
        }
        Entry e = entries.get(at);
        entries.set(at, new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos() + 1, e.size(), null, e.blocks()));
        entries.remove(at + 1 < entries.size() && entries.get(at + 1).type() == EntryType.FILE ? at + 1 : at - 1);
        Manifest child = new Manifest(whole.formatVersion(), SOURCE, SourceKind.DIRECTORY, BS, entries);

        ManifestDelta delta = PointCommits.delta(previous, child);

        assertThat(delta).isNotNull().isEqualTo(ManifestDelta.between(POINT, whole, child));
        assertThat(delta.entries()).hasSize(1);
        assertThat(delta.removed()).hasSize(1);
    }

    @Test
    void aRemovedFileWhoseBlockRecordDoesNotFitMakesTheChangesUnknownAsTheWholeManifest() {
        Random rnd = new Random(11);
        Manifest parent = tree(rnd);
        Entry file = parent.entries().stream().filter(e -> e.type() == EntryType.FILE && !e.blocks().isEmpty())
                .reduce((a, b) -> b).orElseThrow();
        // the block record of that file claims one block more than its size has
        PreviousPoint previous = recorded(parent, Map.of(file.path(), file.blocks().size() + 1));
        List<Entry> entries = new ArrayList<>(parent.entries());
        entries.remove(file);
        Manifest child = new Manifest(parent.formatVersion(), SOURCE, SourceKind.DIRECTORY, BS, entries);

        assertThat(previous.manifest(SOURCE, SourceKind.DIRECTORY)).isNull();
        assertThat(previous.changesTo(child)).isNull();
        assertThat(PointCommits.delta(previous, child)).isNull();
    }

    @Test
    void anotherSourceOrBlockSizeHasNoChanges() {
        Manifest parent = tree(new Random(3));
        PreviousPoint previous = recorded(parent, Map.of());

        assertThat(previous.changesTo(new Manifest(parent.formatVersion(), "/srv/other", SourceKind.DIRECTORY, BS,
                parent.entries()))).isNull();
        assertThat(previous.changesTo(new Manifest(parent.formatVersion(), SOURCE, SourceKind.DIRECTORY, 2 * BS,
                List.of()))).isNull();
        assertThat(PreviousPoint.NONE.changesTo(parent)).isNull();
    }

    /** A tree of 3-8 folders of 0-12 files, symlinks and a subfolder, in manifest order. */
    private static Manifest tree(Random rnd) {
        List<Entry> entries = new ArrayList<>();
        entries.add(dir("", rnd));
        int dirs = 3 + rnd.nextInt(6);
        for (int d = 0; d < dirs; d++) {
            String name = "d" + d;
            entries.add(dir(name, rnd));
            int files = rnd.nextInt(13);
            for (int f = 0; f < files; f++) {
                entries.add(rnd.nextInt(8) == 0 ? link(name + "/f" + (10 + f), rnd) : file(name + "/f" + (10 + f), rnd));
            }
            if (rnd.nextBoolean()) {
                entries.add(dir(name + "/sub", rnd));
                entries.add(file(name + "/sub/x", rnd));
            }
        }
        return new Manifest(Manifest.FORMAT_VERSION, SOURCE, SourceKind.DIRECTORY, BS, entries);
    }

    /** {@code m} changed at random: entries removed, rewritten, re-made equal, and new ones put in order. */
    private static Manifest changed(Manifest m, Random rnd) {
        List<Entry> out = new ArrayList<>();
        if (rnd.nextInt(4) == 0) {
            out.add(m.entries().get(0));
            out.add(dir("a", rnd)); // before every old folder: the walks are out of step from the start
            out.add(file("a/new", rnd));
        }
        for (Entry e : m.entries()) {
            if (out.isEmpty() || !e.path().equals("")) {
                int roll = rnd.nextInt(20);
                if (roll == 0 && !e.path().isEmpty() && e.type() != EntryType.DIRECTORY) {
                    continue; // removed
                } else if (roll == 1 && e.type() == EntryType.FILE) {
                    out.add(file(e.path(), rnd)); // rewritten
                } else if (roll == 2) { // the same, as a walk makes it: another object
                    out.add(new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(),
                            new ArrayList<>(e.blocks())));
                } else if (roll == 3 && e.type() == EntryType.DIRECTORY) {
                    out.add(new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos() + 1, 0, null, List.of()));
                } else if (roll == 4 && e.type() == EntryType.SYMLINK) {
                    out.add(new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), 0, "elsewhere", List.of()));
                } else {
                    out.add(e);
                }
                if (roll == 5 && e.type() != EntryType.DIRECTORY) {
                    out.add(file(e.path() + "a", rnd)); // a new file just after it ("f12a" < "f13")
                }
            }
        }
        if (rnd.nextBoolean()) {
            out.add(dir("zz", rnd)); // after every old folder
            out.add(file("zz/last", rnd));
        }
        return new Manifest(m.formatVersion(), m.source(), m.kind(), m.blockSize(), out);
    }

    /**
     * The records a pass that read {@code m} keeps, as {@link PreviousPoint} reads them back; a file
     * named in {@code wrongCounts} gets a block record of that many full blocks instead of its own.
     */
    private static PreviousPoint recorded(Manifest m, Map<String, Integer> wrongCounts) {
        HashMap<String, KnownBlocks.File> files = new HashMap<>();
        for (Entry e : m.entries()) {
            int n = wrongCounts.getOrDefault(e.path(), e.blocks().size());
            int[] lengths = new int[n];
            byte[] digests = new byte[n * 32];
            for (int i = 0; i < n; i++) {
                BlockRef b = i < e.blocks().size() ? e.blocks().get(i) : new BlockRef(BlockId.of(new byte[] {1}), BS);
                lengths[i] = b.isZero() ? 0 : wrongCounts.containsKey(e.path()) ? BS : b.length();
                if (!b.isZero()) {
                    b.id().copyTo(digests, i * 32);
                }
            }
            if (n > 0) {
                files.put(e.path(), new KnownBlocks.File(lengths, new long[2 * n], digests));
            }
        }
        LastPoint last = LastPoint.of(m, POINT, 0, Map.of(), 0);
        return new PreviousPoint(last, KnownBlocks.owning(BS, POINT, files), false);
    }

    private static Entry dir(String path, Random rnd) {
        return new Entry(path, EntryType.DIRECTORY, 0755, rnd.nextInt(1000), 0, null, List.of());
    }

    private static Entry link(String path, Random rnd) {
        return new Entry(path, EntryType.SYMLINK, 0777, rnd.nextInt(1000), 0, "target" + rnd.nextInt(3), List.of());
    }

    /** A file of 0-3 blocks, the last one short, some all zeros. */
    private static Entry file(String path, Random rnd) {
        int n = rnd.nextInt(4);
        int last = 1 + rnd.nextInt(BS);
        List<BlockRef> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = i == n - 1 ? last : BS;
            blocks.add(rnd.nextInt(5) == 0 ? BlockRef.zero(length)
                    : new BlockRef(BlockId.of(new byte[] {(byte) rnd.nextInt(), (byte) rnd.nextInt()}), length));
        }
        long size = n == 0 ? 0 : (long) (n - 1) * BS + last;
        return new Entry(path, EntryType.FILE, 0644, rnd.nextInt(1000), size, null, blocks);
    }
}
