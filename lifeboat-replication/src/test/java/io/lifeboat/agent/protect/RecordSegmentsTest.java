package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A record as a base and the segments later passes appended: read back as the last point, whatever
 * each pass changed; a segment cut anywhere (a crash while appending) leaves the point before it,
 * and damage before the last segment is refused; never a mixture of two points.
 */
class RecordSegmentsTest {
    static final int BS = 32768;
    static final String SRC = "/srv/www";

    /** A tree's state: each file's path and version (its content, stamp and blocks follow from both). */
    record Tree(String point, TreeMap<String, Integer> files) {
        Tree next(String point) {
            return new Tree(point, new TreeMap<>(files));
        }

        KnownBlocks blocks() {
            HashMap<String, KnownBlocks.File> out = new HashMap<>();
            files.forEach((path, v) -> {
                byte[] digest = new byte[32];
                Arrays.fill(digest, (byte) (v * 31 + path.hashCode()));
                out.put(path, new KnownBlocks.File(new int[] {BS, 100}, new long[] {v, path.hashCode(), -v, 7},
                        Arrays.copyOf(digest, 64)));
            });
            return KnownBlocks.owning(BS, point, out);
        }

        LastPoint entries() {
            return entries(SRC);
        }

        LastPoint entries(String source) {
            List<LastPoint.Item> items = new ArrayList<>();
            items.add(new LastPoint.Item(new Entry("", EntryType.DIRECTORY, 0755, files.size(), 0, null, List.of()), 0, null));
            files.forEach((path, v) -> items.add(new LastPoint.Item(new Entry(path, EntryType.FILE, 0644, v, BS + 100L,
                    null, List.of()), 2, new FileStamp(BS + 100L, v, v + 1, path.hashCode(), 9, 0644, 1000, 1000))));
            return new LastPoint(source, point, BS, 1_764_000_000_000L + files.size(), items);
        }
    }

    /** The six states of {@link #states}: a base, then every kind of change a pass may bring. */
    static List<Tree> states() {
        List<Tree> out = new ArrayList<>();
        Tree t = new Tree("p0", new TreeMap<>());
        for (int i = 0; i < 40; i++) {
            t.files().put("d" + i % 4 + "/f" + i + ".bin", 1);
        }
        out.add(t);
        t = t.next("p1"); // a few changed, one added
        t.files().put("d1/f1.bin", 2);
        t.files().put("d2/f6.bin", 2);
        t.files().put("d2/new.bin", 1);
        out.add(t);
        t = t.next("p2"); // removed, and renamed (removed under one name, added under another)
        t.files().remove("d3/f3.bin");
        t.files().remove("d0/f4.bin");
        t.files().put("d0/g4.bin", 1);
        out.add(t);
        t = t.next("p3"); // nothing changed but the point
        out.add(t);
        t = t.next("p4"); // every file changed
        t.files().replaceAll((path, v) -> v + 1);
        out.add(t);
        t = t.next("p5"); // emptied
        t.files().clear();
        out.add(t);
        return out;
    }

    /** One way to compare block records: every file's arrays as text. */
    static Map<String, String> described(KnownBlocks k) {
        Map<String, String> out = new TreeMap<>();
        k.files().forEach((name, f) -> out.put(name, Arrays.toString(f.lengths()) + Arrays.toString(f.fingerprints())
                + Arrays.toString(f.digests())));
        out.put("(point)", k.point());
        return out;
    }

    /** The block record's file: the first state's base, then a segment per later state. */
    static byte[] blockFile(List<Tree> states) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KnownBlocksCodec.write(states.get(0).blocks(), SRC, out);
        for (int i = 1; i < states.size(); i++) {
            out.write(RecordSegments.frame(KnownBlocksCodec.segment(states.get(i - 1).blocks(), states.get(i).blocks())));
        }
        return out.toByteArray();
    }

    static byte[] entryFile(List<Tree> states) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LastPointCodec.write(states.get(0).entries(), out);
        for (int i = 1; i < states.size(); i++) {
            out.write(RecordSegments.frame(LastPointCodec.segment(states.get(i - 1).entries(), states.get(i).entries())));
        }
        return out.toByteArray();
    }

    static RecordSegments.Loaded<KnownBlocks> readBlocks(byte[] b) throws IOException {
        return KnownBlocksCodec.readAppended(new ByteArrayInputStream(b), b.length, SRC, BS);
    }

    static RecordSegments.Loaded<LastPoint> readEntries(byte[] b) throws IOException {
        return LastPointCodec.readAppended(new ByteArrayInputStream(b), b.length, SRC, BS);
    }

    @Test
    void aBaseAndItsSegmentsReadBackAsEachPoint() throws IOException {
        List<Tree> states = states();
        for (int n = 1; n <= states.size(); n++) {
            List<Tree> upTo = states.subList(0, n);
            Tree last = upTo.get(n - 1);
            RecordSegments.Loaded<KnownBlocks> blocks = readBlocks(blockFile(upTo));
            RecordSegments.Loaded<LastPoint> entries = readEntries(entryFile(upTo));
            assertThat(described(blocks.record())).as("blocks at %s", last.point()).isEqualTo(described(last.blocks()));
            assertThat(entries.record()).as("entries at %s", last.point()).isEqualTo(last.entries());
            assertThat(blocks.extent().segments()).isEqualTo(n - 1);
            assertThat(blocks.torn()).isNull();
            assertThat(entries.extent().baseEntries()).isEqualTo(41);
        }
    }

    @Test
    void aSegmentOfWhatChangedIsSmall() throws IOException {
        List<Tree> states = states();
        byte[] base = entryFile(states.subList(0, 1));
        byte[] withOneChange = entryFile(states.subList(0, 2));
        assertThat(withOneChange.length - base.length).as("3 of 41 items placed, 2 dropped").isLessThan(base.length / 5);
        byte[] blockBase = blockFile(states.subList(0, 1));
        byte[] blocksWithOneChange = blockFile(states.subList(0, 2));
        assertThat(blocksWithOneChange.length - blockBase.length).isLessThan(blockBase.length / 5);
    }

    @Test
    void aLastSegmentCutAtAnyByteLeavesThePointBeforeIt() throws IOException {
        List<Tree> states = states().subList(0, 3);
        Tree before = states.get(1);
        Tree after = states.get(2);
        byte[] blocks = blockFile(states);
        byte[] entries = entryFile(states);
        int blocksBefore = blockFile(states.subList(0, 2)).length;
        int entriesBefore = entryFile(states.subList(0, 2)).length;
        for (int n = blocksBefore; n <= blocks.length; n++) {
            RecordSegments.Loaded<KnownBlocks> read = readBlocks(Arrays.copyOf(blocks, n));
            Tree expected = n == blocks.length ? after : before;
            assertThat(described(read.record())).as("blocks cut at %d", n).isEqualTo(described(expected.blocks()));
            assertThat(read.torn() != null).as("torn at %d", n).isEqualTo(n > blocksBefore && n < blocks.length);
            assertThat(read.extent().validBytes()).isEqualTo(n == blocks.length ? blocks.length : blocksBefore);
        }
        for (int n = entriesBefore; n <= entries.length; n++) {
            RecordSegments.Loaded<LastPoint> read = readEntries(Arrays.copyOf(entries, n));
            Tree expected = n == entries.length ? after : before;
            assertThat(read.record()).as("entries cut at %d", n).isEqualTo(expected.entries());
        }
    }

    @Test
    void aTornTailOfZerosOrGarbageIsDropped() throws IOException {
        List<Tree> states = states().subList(0, 2);
        byte[] entries = entryFile(states);
        // a crash after the file grew but before its bytes were written: zeros, or the frame's length and noise
        byte[] zeros = Arrays.copyOf(entries, entries.length + 300);
        assertThat(readEntries(zeros).record()).isEqualTo(states.get(1).entries());
        byte[] noise = Arrays.copyOf(entries, entries.length + 12);
        noise[entries.length + 3] = 4;
        noise[entries.length + 5] = 0x55;
        RecordSegments.Loaded<LastPoint> read = readEntries(noise);
        assertThat(read.record()).isEqualTo(states.get(1).entries());
        assertThat(read.torn()).contains("checksum does not match");
    }

    @Test
    void damageBeforeTheLastSegmentIsNeverAMixture() throws IOException {
        List<Tree> states = states().subList(0, 3);
        byte[] entries = entryFile(states);
        int middleFrom = entryFile(states.subList(0, 1)).length;
        int middleTo = entryFile(states.subList(0, 2)).length;
        for (int i = middleFrom; i < middleTo; i++) {
            byte[] bad = entries.clone();
            bad[i] ^= 0x40;
            try {
                LastPoint read = readEntries(bad).record();
                // a length made to run past the end reads as a torn tail: the base's point, never a mixture
                assertThat(read).as("byte %d flipped", i).isEqualTo(states.get(0).entries());
            } catch (IOException refused) {
                assertThat(refused).hasMessageContaining("segment 1");
            }
        }
        byte[] blocks = blockFile(states);
        byte[] bad = blocks.clone();
        bad[blockFile(states.subList(0, 1)).length + 10] ^= 1;
        assertThatThrownBy(() -> readBlocks(bad)).hasMessageContaining("segment 1").hasMessageContaining("fails its checksum");
    }

    @Test
    void aSegmentThatDoesNotFollowThePointBeforeItIsRefused() throws IOException {
        List<Tree> states = states();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LastPointCodec.write(states.get(0).entries(), out);
        out.write(RecordSegments.frame(LastPointCodec.segment(states.get(1).entries(), states.get(2).entries())));
        assertThatThrownBy(() -> readEntries(out.toByteArray())).hasMessageContaining("segment 1 follows point p1, not p0");
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        KnownBlocksCodec.write(states.get(0).blocks(), SRC, blocks);
        blocks.write(RecordSegments.frame(KnownBlocksCodec.segment(states.get(1).blocks(), states.get(2).blocks())));
        assertThatThrownBy(() -> readBlocks(blocks.toByteArray())).hasMessageContaining("segment 1 follows point p1, not p0");
    }

    @Test
    void anItemThatMovedIsPlacedAgainNotLost() throws IOException {
        // a manifest never reorders its paths; if a record's did, the segment still gives it back exactly
        LastPoint from = states().get(0).entries();
        List<LastPoint.Item> moved = new ArrayList<>(from.items());
        moved.add(moved.remove(1));
        LastPoint to = new LastPoint(SRC, "p9", BS, from.fullReadMillis(), moved);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LastPointCodec.write(from, out);
        out.write(RecordSegments.frame(LastPointCodec.segment(from, to)));
        assertThat(readEntries(out.toByteArray()).record()).isEqualTo(to);
    }
}
