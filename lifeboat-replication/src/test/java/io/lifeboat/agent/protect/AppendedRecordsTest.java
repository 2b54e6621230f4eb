package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.protect.RecordSegmentsTest.Tree;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KnownBlocksStore} keeps a pass's records by appending what changed to the records it read,
 * writes them whole when the segments grow past their share of the base, and a crash at any byte
 * of an append leaves records the next pass reads as the last point or as the point before it
 * (or, the two records naming different points, does not use as a previous point): never a
 * mixture.
 */
class AppendedRecordsTest {
    private static final int BS = RecordSegmentsTest.BS;

    @TempDir
    Path tmp;

    Path source;
    Path dir;
    KnownBlocksStore store;

    @BeforeEach
    void setUp() throws IOException {
        source = Files.createDirectories(tmp.resolve("src"));
        dir = tmp.resolve("known");
        store = KnownBlocksStore.in(dir, FingerprintKey.random());
    }

    private KnownBlocksStore.Loaded load() {
        return store.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE);
    }

    private void save(Tree t) {
        store.save(source, t.blocks(), t.entries(source.toString()), ProtectListener.NONE);
    }

    private Path file(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    private int segments(String suffix) throws IOException {
        Path f = file(suffix);
        try (InputStream in = Files.newInputStream(f)) {
            return suffix.equals(".known")
                    ? KnownBlocksCodec.readAppended(in, Files.size(f), source.toAbsolutePath().normalize().toString(), BS)
                            .extent().segments()
                    : LastPointCodec.readAppended(in, Files.size(f), source.toString(), BS).extent().segments();
        }
    }

    /** The manifest a previous point of state {@code t} gives. */
    private Manifest manifestOf(Tree t) {
        return new PreviousPoint(t.entries(source.toString()), t.blocks(), true).manifest(source.toString(),
                SourceKind.DIRECTORY);
    }

    /** The loaded records are exactly state {@code t}'s, both of them. */
    private void assertIs(KnownBlocksStore.Loaded loaded, Tree t) {
        assertThat(RecordSegmentsTest.described(loaded.known())).isEqualTo(RecordSegmentsTest.described(t.blocks()));
        assertThat(loaded.previous().exists()).isTrue();
        assertThat(loaded.previous().point()).isEqualTo(t.point());
        assertThat(loaded.previous().manifest(source.toString(), SourceKind.DIRECTORY)).isEqualTo(manifestOf(t));
    }

    @Test
    void aPassThatChangedLittleAppendsAndEveryKindOfChangeReadsBack() throws IOException {
        List<Tree> states = RecordSegmentsTest.states();
        save(states.get(0));
        long base = Files.size(file(".last"));
        for (int i = 1; i < states.size(); i++) {
            load();
            save(states.get(i));
            assertIs(load(), states.get(i));
            if (i <= 3) { // a few changed, added, removed, renamed, nothing: a segment each
                assertThat(segments(".known")).as("after %s", states.get(i).point()).isEqualTo(i);
                assertThat(segments(".last")).isEqualTo(i);
            }
        }
        // every file changed (p4): a segment as large as the base, so both were written whole; then emptied (p5)
        assertThat(segments(".known")).isZero();
        assertThat(segments(".last")).isZero();
        assertThat(Files.size(file(".last"))).isLessThan(base);
    }

    @Test
    void aSaveWithoutALoadOfBothRecordsWritesThemWhole() throws IOException {
        List<Tree> states = RecordSegmentsTest.states();
        save(states.get(0));
        save(states.get(1)); // no load before: nothing known of what is on disk
        assertThat(segments(".known")).isZero();
        load();
        store.forget(source); // as a 409 does: the rerun's records are written whole
        save(states.get(2));
        assertThat(segments(".last")).isZero();
        assertIs(load(), states.get(2));
    }

    @Test
    void compactionKeepsEveryEntry() throws IOException {
        Tree t = RecordSegmentsTest.states().get(0);
        save(t);
        int compactions = 0;
        int before = 0;
        for (int pass = 1; pass <= 40; pass++) {
            load();
            t = t.next("q" + pass);
            t.files().put("d" + pass % 4 + "/f" + pass % 40 + ".bin", pass + 1); // one changed
            t.files().put("d" + pass % 3 + "/added" + pass + ".bin", 1); // one added
            if (pass % 5 == 0) {
                t.files().remove(t.files().firstKey()); // and now and then one removed
            }
            save(t);
            int now = segments(".known");
            assertThat(segments(".last")).isEqualTo(now);
            compactions += now < before ? 1 : 0;
            before = now;
            assertIs(load(), t);
        }
        assertThat(compactions).as("the segments passed a quarter of the base, or the count moved by a quarter")
                .isBetween(2, 20);
    }

    /**
     * A crash at every byte of an append: the block record's segment cut anywhere (the entries'
     * not yet appended), then the entries' cut anywhere (the blocks' whole). Each leaves the point
     * before (both records of it) or the new point, or two records of different points, which give
     * the block shortcut but no previous point; and the next pass appends after the cut.
     */
    @Test
    void aCrashAtEveryByteOfAnAppendLeavesOnePointOrTheOther() throws IOException {
        List<Tree> states = RecordSegmentsTest.states();
        Tree before = states.get(0);
        Tree after = states.get(1);
        save(before);
        Path known = file(".known");
        Path last = file(".last");
        byte[] known0 = Files.readAllBytes(known);
        byte[] last0 = Files.readAllBytes(last);
        load();
        save(after);
        byte[] known1 = Files.readAllBytes(known);
        byte[] last1 = Files.readAllBytes(last);
        assertThat(known1.length).isGreaterThan(known0.length);
        assertThat(Arrays.copyOf(known1, known0.length)).as("appended, the base untouched").isEqualTo(known0);

        Files.write(last, last0);
        for (int n = known0.length; n <= known1.length; n++) {
            Files.write(known, Arrays.copyOf(known1, n));
            KnownBlocksStore.Loaded loaded = load();
            if (n < known1.length) {
                assertIs(loaded, before);
            } else {
                assertThat(RecordSegmentsTest.described(loaded.known())).isEqualTo(RecordSegmentsTest.described(after.blocks()));
                assertThat(loaded.previous().exists()).as("entries of the point before: not used").isFalse();
            }
        }
        for (int n = last0.length; n <= last1.length; n++) {
            Files.write(last, Arrays.copyOf(last1, n));
            KnownBlocksStore.Loaded loaded = load();
            assertThat(RecordSegmentsTest.described(loaded.known())).isEqualTo(RecordSegmentsTest.described(after.blocks()));
            if (n < last1.length) {
                assertThat(loaded.previous().exists()).as("cut at %d", n).isFalse();
            } else {
                assertIs(loaded, after);
            }
        }

        // cut mid-segment in both: the point before, and the next pass appends over the torn tails
        Files.write(known, Arrays.copyOf(known1, (known0.length + known1.length) / 2));
        Files.write(last, Arrays.copyOf(last1, (last0.length + last1.length) / 2));
        List<String> notices = new CopyOnWriteArrayList<>(); // the two records are read on two threads
        KnownBlocksStore.Loaded torn = store.loadBoth(source, BS, true, System.currentTimeMillis(), new ProtectListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        assertIs(torn, before);
        assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n).contains("torn segment").contains("the point before"));
        Tree next = states.get(2).next("p2'");
        save(next);
        assertThat(segments(".known")).isEqualTo(1);
        assertIs(load(), next);
    }

    @Test
    void damageInAnEarlierSegmentDropsTheRecordAsADamagedBaseDoes() throws IOException {
        List<Tree> states = RecordSegmentsTest.states();
        save(states.get(0));
        int baseBytes = (int) Files.size(file(".last"));
        for (int i = 1; i <= 2; i++) {
            load();
            save(states.get(i));
        }
        byte[] b = Files.readAllBytes(file(".last"));
        b[baseBytes + 12] ^= 1; // inside the first segment's body
        Files.write(file(".last"), b);
        List<String> notices = new CopyOnWriteArrayList<>(); // the two records are read on two threads
        KnownBlocksStore.Loaded loaded = store.loadBoth(source, BS, true, System.currentTimeMillis(), new ProtectListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        assertThat(loaded.previous().exists()).isFalse();
        assertThat(loaded.known().point()).isEqualTo("p2");
        assertThat(notices).singleElement().asString().contains("ignoring the record").contains("segment 1")
                .contains("reading every file and sending the whole manifest");
        // and the next save writes both whole
        save(states.get(3));
        assertThat(segments(".last")).isZero();
        assertIs(load(), states.get(3));
    }

    @Test
    void anAppendThatFailsDropsBothRecordsAndSaysSo() throws IOException {
        List<Tree> states = RecordSegmentsTest.states();
        save(states.get(0));
        load();
        Path last = file(".last");
        Files.delete(last);
        Files.createDirectory(last); // cannot be opened for writing
        List<String> notices = new CopyOnWriteArrayList<>(); // the two records are read on two threads
        store.save(source, states.get(1).blocks(), states.get(1).entries(source.toString()), new ProtectListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
        assertThat(notices).singleElement().asString().contains("cannot record").contains("the next pass hashes every block");
        Files.deleteIfExists(last);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).as("both records dropped").isEmpty();
        }
        assertThat(load().known()).isSameAs(KnownBlocks.NONE);
    }
}
