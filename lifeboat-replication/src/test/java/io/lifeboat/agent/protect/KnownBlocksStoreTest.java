package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two records of a point are saved and loaded together, or neither is kept. */
class KnownBlocksStoreTest {
    private static final int BS = 32768;
    private static final String POINT = "20261206T143000Z-00ff00ff";

    @TempDir
    Path tmp;

    private static KnownBlocks blocks() {
        HashMap<String, KnownBlocks.File> files = new HashMap<>(Map.of("a.bin",
                new KnownBlocks.File(new int[] {BS}, new long[] {1, 2}, new byte[32])));
        return KnownBlocks.owning(BS, POINT, files);
    }

    private static LastPoint last(Path source) {
        return new LastPoint(source.toString(), POINT, BS, System.currentTimeMillis(), List.of(
                new LastPoint.Item(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of()), 0, null),
                new LastPoint.Item(new Entry("a.bin", EntryType.FILE, 0644, 2, BS, null, List.of()), 1,
                        new FileStamp(BS, 2, 3, 4, 5, 0644, 6, 7))));
    }

    @Test
    void bothRecordsAreSavedAndLoadedTogether() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        KnownBlocksStore store = KnownBlocksStore.in(tmp.resolve("known"), FingerprintKey.random());
        store.save(source, blocks(), last(source), ProtectListener.NONE);

        KnownBlocksStore.Loaded loaded = store.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE);

        assertThat(loaded.known().point()).isEqualTo(POINT);
        assertThat(loaded.previous().exists()).isTrue();
        assertThat(loaded.previous().trustsStamps()).isTrue();
        assertThat(loaded.previous().unchanged("a.bin", new FileStamp(BS, 2, 3, 4, 5, 0644, 6, 7))).isNotNull();
    }

    @Test
    void aRecordThatCannotBeWrittenDropsBothAndSaysSo() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Path dir = tmp.resolve("known");
        KnownBlocksStore store = KnownBlocksStore.in(dir, FingerprintKey.random());
        store.save(source, blocks(), last(source), ProtectListener.NONE);
        // the entries' temporary cannot be written (a folder holds its name): the pass's records are dropped
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (p.getFileName().toString().endsWith(".last")) {
                    Files.createDirectory(p.resolveSibling(p.getFileName() + ".tmp"));
                }
            }
        }
        List<String> notices = new ArrayList<>();
        ProtectListener listener = new ProtectListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };

        store.save(source, blocks(), last(source), listener);

        assertThat(notices).singleElement().asString().contains("cannot record").contains("the next pass hashes every block");
        KnownBlocksStore.Loaded loaded = store.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE);
        assertThat(loaded.known().isEmpty()).isTrue();
        assertThat(loaded.previous().exists()).isFalse();
    }

    @Test
    void aRunningAgentTakesTheRecordsItWroteWithoutReadingThemAgain() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Path dir = tmp.resolve("known");
        KnownBlocksStore store = KnownBlocksStore.in(dir, FingerprintKey.random());
        LastPoint first = last(source);
        store.save(source, blocks(), first, ProtectListener.NONE); // written whole

        KnownBlocksStore.Loaded loaded = store.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE);
        String next = "20261206T143100Z-00ff00ff";
        store.save(source, blocks().at(next), first.at(next), ProtectListener.NONE); // appended to what was taken
        KnownBlocksStore.Loaded again = store.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE);

        assertThat(store.filesRead()).isZero();
        assertThat(loaded.known().point()).isEqualTo(POINT);
        assertThat(again.known().point()).isEqualTo(next);
        assertThat(again.previous().unchanged("a.bin", new FileStamp(BS, 2, 3, 4, 5, 0644, 6, 7))).isNotNull();
        // what it took is what its files hold: a store of its own reads them to the same records
        KnownBlocksStore reader = KnownBlocksStore.in(dir, FingerprintKey.random());
        KnownBlocksStore.Loaded read = reader.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE);
        assertThat(reader.filesRead()).isEqualTo(2);
        assertThat(read.known().point()).isEqualTo(next);
        assertThat(read.known().file("a.bin").fingerprints()).isEqualTo(again.known().file("a.bin").fingerprints());
        assertThat(read.previous().manifest(source.toString(), io.lifeboat.repository.SourceKind.DIRECTORY))
                .isEqualTo(again.previous().manifest(source.toString(), io.lifeboat.repository.SourceKind.DIRECTORY));
        // and the next save appends where the file ends: a third store reads that point back
        String third = "20261206T143200Z-00ff00ff";
        store.save(source, blocks().at(third), first.at(third), ProtectListener.NONE);
        assertThat(KnownBlocksStore.in(dir, FingerprintKey.random())
                .loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE).known().point()).isEqualTo(third);
    }

    @Test
    void recordsWrittenBehindTheAgentsBackAreReadAgain() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Path dir = tmp.resolve("known");
        KnownBlocksStore store = KnownBlocksStore.in(dir, FingerprintKey.random());
        store.save(source, blocks(), last(source), ProtectListener.NONE);
        String other = "20261206T150000Z-00ff00ff";
        // another process (a one-shot `agent protect` of the same folder) writes the records of a later point
        KnownBlocksStore.in(dir, FingerprintKey.random()).save(source, blocks().at(other), last(source).at(other),
                ProtectListener.NONE);

        KnownBlocksStore.Loaded loaded = store.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE);

        assertThat(store.filesRead()).isEqualTo(2);
        assertThat(loaded.known().point()).isEqualTo(other);

        // and records removed behind its back are gone for it too
        store.save(source, blocks().at(POINT), last(source), ProtectListener.NONE);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        assertThat(store.loadBoth(source, BS, true, System.currentTimeMillis(), ProtectListener.NONE).known().isEmpty())
                .isTrue();
    }
}
