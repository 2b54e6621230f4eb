package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image's block record after a pass that changed few blocks gets a segment of its changed runs,
 * not its whole record again; read back it is exactly the new record (grown, shrunk or not), a cut
 * anywhere in that segment leaves the point before, a run out of place is refused; and the store
 * appends to both of an image's records instead of writing them whole.
 */
class KnownBlocksPatchTest {
    private static final int BS = 32768;
    private static final String SRC = "/dev/disk.img";

    @TempDir
    Path tmp;

    /** An image's record of {@code n} blocks, block i of version {@code versions[i]} (1 where not given). */
    private static KnownBlocks image(String point, int n, Map<Integer, Integer> versions) {
        int[] lengths = new int[n];
        long[] fingerprints = new long[2 * n];
        byte[] digests = new byte[32 * n];
        for (int i = 0; i < n; i++) {
            int v = versions.getOrDefault(i, 1);
            lengths[i] = i == n - 1 ? 1000 + v : BS;
            fingerprints[2 * i] = i * 1_000_003L + v;
            fingerprints[2 * i + 1] = -i - v;
            Arrays.fill(digests, 32 * i, 32 * i + 32, (byte) (i * 7 + v));
        }
        HashMap<String, KnownBlocks.File> files = new HashMap<>();
        files.put("", new KnownBlocks.File(lengths, fingerprints, digests));
        return KnownBlocks.owning(BS, point, files);
    }

    private static byte[] base(KnownBlocks k) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KnownBlocksCodec.write(k, SRC, out);
        return out.toByteArray();
    }

    private static byte[] withSegment(KnownBlocks from, KnownBlocks to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(base(from));
        out.write(RecordSegments.frame(KnownBlocksCodec.segment(from, to)));
        return out.toByteArray();
    }

    private static RecordSegments.Loaded<KnownBlocks> read(byte[] b) throws IOException {
        return KnownBlocksCodec.readAppended(new ByteArrayInputStream(b), b.length, SRC, BS);
    }

    @Test
    void aFewChangedBlocksMakeASegmentOfTheirRunsThatReadsBackExactly() throws IOException {
        KnownBlocks from = image("p0", 1000, Map.of());
        KnownBlocks to = image("p1", 1000, Map.of(0, 2, 17, 2, 18, 2, 19, 2, 500, 3, 999, 2));
        byte[] file = withSegment(from, to);
        long segment = file.length - base(from).length;
        // 6 blocks of 52 bytes, 4 runs of 8, the name, counts and points: not the 52,000-byte file again
        assertThat(segment).isLessThan(6 * KnownBlocksCodec.BYTES_PER_BLOCK + 4 * 8 + 64);
        RecordSegments.Loaded<KnownBlocks> loaded = read(file);
        assertThat(RecordSegmentsTest.described(loaded.record())).isEqualTo(RecordSegmentsTest.described(to));
        assertThat(loaded.extent().segments()).isEqualTo(1);
    }

    @Test
    void anImageThatGrewOrShrankReadsBackAtItsNewSize() throws IOException {
        KnownBlocks from = image("p0", 1000, Map.of());
        KnownBlocks grown = image("p1", 1010, Map.of(3, 2));
        KnownBlocks shrunk = image("p2", 990, Map.of(3, 2, 989, 4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(withSegment(from, grown));
        out.write(RecordSegments.frame(KnownBlocksCodec.segment(grown, shrunk)));
        assertThat(RecordSegmentsTest.described(read(withSegment(from, grown)).record()))
                .isEqualTo(RecordSegmentsTest.described(grown));
        assertThat(RecordSegmentsTest.described(read(out.toByteArray()).record()))
                .isEqualTo(RecordSegmentsTest.described(shrunk));
    }

    @Test
    void aFileMostlyChangedIsWrittenWholeInItsSegment() throws IOException {
        Map<Integer, Integer> most = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            most.put(i, 2);
        }
        KnownBlocks from = image("p0", 1000, Map.of());
        KnownBlocks to = image("p1", 1000, most);
        assertThat(KnownBlocksPatch.runs(from.files().get(""), to.files().get(""))).isNull();
        byte[] file = withSegment(from, to);
        assertThat(file.length - base(from).length).isGreaterThan(1000 * KnownBlocksCodec.BYTES_PER_BLOCK);
        assertThat(RecordSegmentsTest.described(read(file).record())).isEqualTo(RecordSegmentsTest.described(to));
    }

    @Test
    void aPatchCutAtAnyByteLeavesThePointBefore() throws IOException {
        KnownBlocks from = image("p0", 300, Map.of());
        KnownBlocks to = image("p1", 305, Map.of(1, 2, 2, 2, 150, 2));
        byte[] base = base(from);
        byte[] file = withSegment(from, to);
        for (int n = base.length; n < file.length; n++) {
            RecordSegments.Loaded<KnownBlocks> loaded = read(Arrays.copyOf(file, n));
            assertThat(RecordSegmentsTest.described(loaded.record())).as("cut at %d", n)
                    .isEqualTo(RecordSegmentsTest.described(from));
        }
        assertThat(RecordSegmentsTest.described(read(file).record())).isEqualTo(RecordSegmentsTest.described(to));
    }

    @Test
    void aRunOutOfPlaceOrOfAFileNotHeldIsRefused() throws IOException {
        KnownBlocks from = image("p0", 10, Map.of());
        // run 1 starts before run 0 ends; then a run past the file's end; then a file the record does not hold
        for (int[] run : new int[][] {{4, 2, 5, 1}, {9, 2}}) {
            assertThatThrownBy(() -> read(concat(base(from), patch("", 10, run))))
                    .isInstanceOf(IOException.class).hasMessageContaining("out of place");
        }
        assertThatThrownBy(() -> read(concat(base(from), patch("other", 10, new int[] {0, 1}))))
                .isInstanceOf(IOException.class).hasMessageContaining("does not hold");
    }

    /** A framed segment from p0 to p1 that patches {@code name} with the given {first, count} runs. */
    private static byte[] patch(String name, int n, int[] runs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordOutput d = new RecordOutput(bytes);
        d.writeUTF("p0");
        d.writeUTF("p1");
        d.writeInt(0);
        d.writeInt(0);
        d.writeInt(1);
        d.writeUTF(name);
        d.writeInt(n);
        int count = runs.length / 2;
        int[] firsts = new int[count];
        int[] counts = new int[count];
        int blocks = 0;
        for (int r = 0; r < count; r++) {
            firsts[r] = runs[2 * r];
            counts[r] = runs[2 * r + 1];
            blocks += counts[r];
        }
        d.writeInt(count);
        d.writeInts(firsts);
        d.writeInts(counts);
        d.writeInts(new int[blocks]);
        d.writeLongs(new long[2 * blocks]);
        d.write(new byte[32 * blocks]);
        d.end();
        return RecordSegments.frame(bytes.toByteArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The {@code .last} record of an image at {@code point}: one item, its stamp changing with the pass. */
    private static LastPoint imageEntries(Path source, String point, int pass) {
        Entry e = new Entry("", EntryType.FILE, 0644, pass, 1000L * BS, null, List.of());
        return new LastPoint(source.toString(), point, BS, 1_764_000_000_000L + pass,
                List.of(new LastPoint.Item(e, 1000, new FileStamp(1000L * BS, pass, pass + 1, 5, 9, 0644, 0, 0))));
    }

    @Test
    void theStoreAppendsToBothOfAnImagesRecordsInsteadOfWritingThemWhole() throws IOException {
        Path source = Files.write(tmp.resolve("disk.img"), new byte[0]);
        Path dir = tmp.resolve("known");
        KnownBlocksStore store = KnownBlocksStore.in(dir, FingerprintKey.random());
        store.save(source, image("p0", 1000, Map.of()), imageEntries(source, "p0", 0), ProtectListener.NONE);
        byte[] known0 = Files.readAllBytes(file(dir, ".known"));
        byte[] last0 = Files.readAllBytes(file(dir, ".last"));
        KnownBlocks at = image("p0", 1000, Map.of());
        Map<Integer, Integer> changed = new HashMap<>();
        for (int pass = 1; pass <= 15; pass++) { // 15 passes, each changing 10 blocks (1%)
            store.loadBoth(source, BS, false, System.currentTimeMillis(), ProtectListener.NONE);
            for (int i = 0; i < 10; i++) {
                changed.put((pass * 97 + i * 31) % 1000, pass + 1);
            }
            at = image("p" + pass, 1000, changed);
            store.save(source, at, imageEntries(source, "p" + pass, pass), ProtectListener.NONE);
        }
        byte[] known1 = Files.readAllBytes(file(dir, ".known"));
        byte[] last1 = Files.readAllBytes(file(dir, ".last"));
        assertThat(Arrays.equals(known1, 0, known0.length, known0, 0, known0.length)).as("the block record's base kept")
                .isTrue();
        assertThat(Arrays.equals(last1, 0, last0.length, last0, 0, last0.length)).as("the entries' base kept (the floor)")
                .isTrue();
        assertThat(known1.length - known0.length).as("15 segments of about 10 blocks")
                .isLessThan(15 * (10 * KnownBlocksCodec.BYTES_PER_BLOCK + 10 * 8 + 64));
        KnownBlocksStore.Loaded loaded = store.loadBoth(source, BS, false, System.currentTimeMillis(), ProtectListener.NONE);
        assertThat(RecordSegmentsTest.described(loaded.known())).isEqualTo(RecordSegmentsTest.described(at));
        assertThat(loaded.previous().point()).isEqualTo("p15");
    }

    private static Path file(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }
}
