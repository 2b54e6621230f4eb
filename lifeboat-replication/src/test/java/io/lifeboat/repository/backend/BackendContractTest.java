package io.lifeboat.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Backend} contract, run by every backend: extend it and say how to make a fresh, empty
 * backend (and, for a persistent one, how to open the same store again).
 */
public abstract class BackendContractTest {
    protected Backend backend;

    /** A new, empty backend. */
    protected abstract Backend newBackend() throws Exception;

    /** Another backend object on the same store as {@link #backend} (a second process would see this). */
    protected abstract Backend reopen() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        backend = newBackend();
    }

    @AfterEach
    void tearDown() throws Exception {
        backend.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createThenReadReturnsTheSameBytes() throws Exception {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        Handle h = new Handle(FileType.DATA, "ab12cd");
        assertThat(backend.create(h, data)).isTrue();
        assertThat(backend.read(h)).isEqualTo(data);
        assertThat(backend.size(h)).hasValue(data.length);
    }

    /** Group commit: a staged file is invisible until published, then whole; the caller's array is its own again. */
    @Test
    void aStagedFileAppearsOnlyWhenPublishedAndARetriedPublishIsHarmless() throws Exception {
        byte[] buffer = new byte[70_000];
        new Random(2).nextBytes(buffer);
        byte[] want = java.util.Arrays.copyOfRange(buffer, 100, 60_100);
        Handle data = new Handle(FileType.DATA, "cd34ef");
        Handle index = new Handle(FileType.INDEX, "cd34ef");
        Backend.Staged s1 = backend.stage(data, buffer, 100, 60_000);
        Backend.Staged s2 = backend.stage(index, bytes("{}"), 0, 2);
        java.util.Arrays.fill(buffer, (byte) 0); // reused by the caller at once
        assertThat(backend.list(FileType.DATA)).doesNotContain("cd34ef");
        assertThat(backend.size(data)).isEmpty();
        backend.publish(java.util.List.of(s1, s2));
        assertThat(backend.read(data)).isEqualTo(want);
        assertThat(reopen().read(index)).isEqualTo(bytes("{}"));
        backend.publish(java.util.List.of(s1, s2)); // a retry after a failure part-way: no error, no change
        assertThat(backend.read(data)).isEqualTo(want);
        assertThat(backend.list(FileType.DATA)).containsExactly("cd34ef");
    }

    /**
     * A staged name that holds the same bytes at publish counts as published; one that holds other bytes
     * is refused ({@link NameTaken}, naming that staged file) without being replaced, the files before
     * it are published, and the refused file is published under another name without being staged again.
     */
    @Test
    void aPublishNeverReplacesANameTakenByOtherBytesAndTheRefusedFileIsPublishedRenamed() throws Exception {
        Handle same = new Handle(FileType.MANIFESTS, "m/same");
        Handle taken = new Handle(FileType.MANIFESTS, "m/taken");
        Handle after = new Handle(FileType.MANIFESTS, "m/after");
        Backend.Staged s1 = backend.stage(same, bytes("chunk one"), 0, 9);
        Backend.Staged s2 = backend.stage(taken, bytes("chunk two"), 0, 9);
        Backend.Staged s3 = backend.stage(after, bytes("chunk three"), 0, 11);
        Backend racer = reopen(); // another node, between the stage and the publish
        assertThat(racer.create(same, bytes("chunk one"))).isTrue();
        assertThat(racer.create(taken, bytes("damaged!!"))).isTrue();

        NameTaken refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> backend.publish(List.of(s1, s2, s3)), NameTaken.class);

        assertThat(refused).as("publish refuses the taken name").isNotNull();
        assertThat(refused.staged()).isSameAs(s2);
        assertThat(refused).hasMessageContaining("m/taken");
        assertThat(backend.read(taken)).as("never replaced").isEqualTo(bytes("damaged!!"));
        assertThat(backend.read(same)).isEqualTo(bytes("chunk one"));
        Handle salted = new Handle(FileType.MANIFESTS, "m/taken-1");
        backend.publish(List.of(s1, backend.renamed(s2, salted), s3)); // the rest, and the refused one renamed
        assertThat(reopen().read(salted)).isEqualTo(bytes("chunk two"));
        assertThat(backend.read(after)).isEqualTo(bytes("chunk three"));
        assertThat(backend.read(taken)).isEqualTo(bytes("damaged!!"));
        assertThat(backend.list(FileType.MANIFESTS)).containsExactly("m/after", "m/same", "m/taken", "m/taken-1");
    }

    @Test
    void aFileOfSeveralMegabytesIsStoredWhole() throws Exception { // as large as a pack, written in parts
        byte[] data = new byte[(5 << 20) + 12_345];
        new Random(2).nextBytes(data);
        Handle h = new Handle(FileType.DATA, "ef34ab");
        assertThat(backend.create(h, data)).isTrue();
        assertThat(backend.read(h)).isEqualTo(data);
        assertThat(backend.read(h, (1 << 20) - 7, 100)).isEqualTo(java.util.Arrays.copyOfRange(data, (1 << 20) - 7, (1 << 20) + 93));
    }

    @Test
    void createIsConditionalAndNeverReplaces() throws Exception {
        Handle h = new Handle(FileType.INDEX, "first");
        assertThat(backend.create(h, bytes("one"))).isTrue();
        assertThat(backend.create(h, bytes("two, longer"))).isFalse();
        assertThat(backend.read(h)).isEqualTo(bytes("one"));
    }

    @Test
    void concurrentCreatesOfOneNameHaveExactlyOneWinner() throws Exception {
        Handle h = new Handle(FileType.LOCKS, "contended");
        assertThat(racers(mine -> backend.create(h, mine))).isEqualTo(1);
        assertThat(new String(backend.read(h), StandardCharsets.UTF_8)).startsWith("writer ");
    }

    @Test
    void readsARange() throws Exception {
        Handle h = new Handle(FileType.DATA, "range");
        backend.create(h, bytes("0123456789"));
        assertThat(backend.read(h, 3, 4)).isEqualTo(bytes("3456"));
        assertThat(backend.read(h, 10, 0)).isEmpty();
        assertThatThrownBy(() -> backend.read(h, 8, 3)).isInstanceOf(EOFException.class);
    }

    @Test
    void missingFilesAreNoSuchFile() throws Exception {
        Handle h = new Handle(FileType.POINTS, "m1/nothing");
        assertThatThrownBy(() -> backend.read(h)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> backend.read(h, 0, 1)).isInstanceOf(NoSuchFileException.class);
        assertThat(backend.size(h)).isEmpty();
    }

    @Test
    void emptyFilesAreFiles() throws Exception {
        Handle h = new Handle(FileType.LOCKS, "empty");
        assertThat(backend.create(h, new byte[0])).isTrue();
        assertThat(backend.read(h)).isEmpty();
        assertThat(backend.size(h)).hasValue(0);
        assertThat(backend.list(FileType.LOCKS)).containsExactly("empty");
    }

    @Test
    void listsByTypeSortedWithMachineFolders() throws Exception {
        backend.create(new Handle(FileType.POINTS, "web-2/p1"), bytes("x"));
        backend.create(new Handle(FileType.POINTS, "web-1/p2"), bytes("x"));
        backend.create(new Handle(FileType.POINTS, "web-1/p1"), bytes("x"));
        backend.create(new Handle(FileType.MACHINES, "web-1/o1"), bytes("x"));
        backend.create(new Handle(FileType.DATA, "ff00"), bytes("x"));
        backend.create(new Handle(FileType.DATA, "00ff"), bytes("x"));
        backend.create(Handle.CONFIG, bytes("{}"));
        assertThat(backend.list(FileType.POINTS)).containsExactly("web-1/p1", "web-1/p2", "web-2/p1");
        assertThat(backend.list(FileType.MACHINES)).containsExactly("web-1/o1");
        assertThat(backend.list(FileType.DATA)).containsExactly("00ff", "ff00");
        assertThat(backend.list(FileType.INDEX)).isEmpty();
        assertThat(backend.list(FileType.CONFIG)).containsExactly("config");
    }

    @Test
    void createdAtIsWhenTheFileWasMadeOrEmpty() throws Exception { // a shared store's prune leaves young packs alone
        java.time.Instant before = java.time.Instant.now().minusSeconds(5); // the store's clock may lag a little
        Handle h = new Handle(FileType.INDEX, "dated");
        backend.create(h, bytes("x"));
        java.time.Instant after = java.time.Instant.now().plusSeconds(5);
        backend.createdAt(h).ifPresent(t -> assertThat(t).isBetween(before, after));
        assertThat(backend.createdAt(new Handle(FileType.INDEX, "never-made"))).isEmpty();
        backend.create(new Handle(FileType.PRUNE, "20261206T050000Z-0badcafe"), bytes("{}"));
        assertThat(backend.list(FileType.PRUNE)).containsExactly("20261206T050000Z-0badcafe");
    }

    @Test
    void deleteIsIdempotent() throws Exception {
        Handle h = new Handle(FileType.INDEX, "gone");
        backend.create(h, bytes("x"));
        assertThat(backend.delete(h)).isTrue();
        assertThat(backend.delete(h)).isFalse();
        assertThat(backend.list(FileType.INDEX)).isEmpty();
        assertThat(backend.create(h, bytes("again"))).isTrue();
        assertThat(backend.read(h)).isEqualTo(bytes("again"));
    }

    @Test
    void anotherObjectOnTheSameStoreSeesEverything() throws Exception {
        backend.create(new Handle(FileType.DATA, "shared"), bytes("payload"));
        try (Backend other = reopen()) {
            assertThat(other.list(FileType.DATA)).containsExactly("shared");
            assertThat(other.read(new Handle(FileType.DATA, "shared"))).isEqualTo(bytes("payload"));
            assertThat(other.create(new Handle(FileType.DATA, "shared"), bytes("other"))).isFalse();
        }
    }

    @Test
    void readsReturnFreshArrays() throws Exception {
        Handle h = new Handle(FileType.DATA, "fresh");
        byte[] data = bytes("abc");
        backend.create(h, data);
        data[0] = 'z';
        byte[] read = backend.read(h);
        read[1] = 'z';
        assertThat(backend.read(h)).isEqualTo(bytes("abc"));
    }

    @Test
    void temporariesAreInvisibleAndRemovable() throws Exception {
        backend.create(new Handle(FileType.DATA, "kept"), bytes("x"));
        backend.removeTemporaries();
        assertThat(backend.list(FileType.DATA)).containsExactly("kept");
        assertThat(backend.read(new Handle(FileType.DATA, "kept"))).isEqualTo(bytes("x"));
    }

    @Test
    void handlesRejectNamesThatEscape() {
        assertThatThrownBy(() -> new Handle(FileType.DATA, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handle(FileType.DATA, ".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handle(FileType.POINTS, "no-machine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handle(FileType.POINTS, "m/../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handle(FileType.INDEX, "a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replaceSwapsOnlyFromTheVersionRead() throws Exception {
        Handle h = new Handle(FileType.STATE, "machines/web-1.json");
        assertThat(backend.readVersioned(h)).isEmpty();
        assertThat(backend.create(h, bytes("v1"))).isTrue();
        Backend.Versioned first = backend.readVersioned(h).orElseThrow();
        assertThat(first.data()).isEqualTo(bytes("v1"));
        String second = backend.replace(h, bytes("v2, longer"), first.version()).orElseThrow();
        assertThat(second).isNotEqualTo(first.version());
        assertThat(backend.replace(h, bytes("lost update"), first.version())).isEmpty(); // stale version: nothing written
        Backend.Versioned now = backend.readVersioned(h).orElseThrow();
        assertThat(now.data()).isEqualTo(bytes("v2, longer"));
        assertThat(now.version()).isEqualTo(second);
        try (Backend other = reopen()) {
            assertThat(other.read(h)).isEqualTo(bytes("v2, longer"));
            assertThat(other.readVersioned(h).orElseThrow().version()).isEqualTo(second);
        }
    }

    @Test
    void replaceOfAMissingFileWritesNothing() throws Exception {
        Handle h = new Handle(FileType.NODES, "node-a.json");
        backend.create(h, bytes("a"));
        String v = backend.readVersioned(h).orElseThrow().version();
        assertThat(backend.delete(h)).isTrue();
        assertThat(backend.replace(h, bytes("b"), v)).isEmpty();
        assertThat(backend.size(h)).isEmpty();
        assertThat(backend.replace(new Handle(FileType.STATE, "never/made.json"), bytes("c"), v)).isEmpty();
    }

    @Test
    void concurrentReplacesFromOneVersionHaveExactlyOneWinner() throws Exception {
        Handle h = new Handle(FileType.STATE, "tokens/contended.json");
        backend.create(h, bytes("open"));
        String read = backend.readVersioned(h).orElseThrow().version();
        assertThat(racers(mine -> backend.replace(h, mine, read).isPresent())).isEqualTo(1);
        assertThat(new String(backend.read(h), StandardCharsets.UTF_8)).startsWith("writer ");
    }

    @Test
    void readOnlyViewReadsVersionsAndRefusesReplace() throws Exception {
        Handle h = new Handle(FileType.STATE, "vault/policy.json");
        backend.create(h, bytes("{}"));
        Backend ro = new ReadOnlyBackend(reopen());
        String v = ro.readVersioned(h).orElseThrow().version();
        assertThatThrownBy(() -> ro.replace(h, bytes("{\"x\":1}"), v)).isInstanceOf(java.nio.file.AccessDeniedException.class);
        assertThat(backend.read(h)).isEqualTo(bytes("{}"));
    }

    /** A write one of several writers may win. */
    interface RacingWrite {
        boolean wins(byte[] mine) throws Exception;
    }

    /** Runs 16 writers ("writer 0".."writer 15") at once on 8 threads: how many won. */
    private static int racers(RacingWrite write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger wins = new AtomicInteger();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] mine = bytes("writer " + i);
                fs.add(pool.submit(() -> {
                    if (write.wins(mine)) {
                        wins.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return wins.get();
    }
}
