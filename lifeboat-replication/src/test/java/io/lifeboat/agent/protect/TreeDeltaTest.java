package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree's second pass keeps unchanged files unread (by their stamp) and commits its point as a
 * delta of the first; the points restore byte for byte, and every way a record can be wrong or
 * missing falls back to reading everything and sending the whole manifest.
 */
class TreeDeltaTest {
    private static final String M = "web-1";
    private static final FingerprintKey KEY = new FingerprintKey(0x5eed);
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(300));
    private static final int FILES = 40;

    @TempDir
    Path tmp;

    final Repository store = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());
    final InProcessTransport transport = new InProcessTransport(store, M);

    @AfterEach
    void close() {
        store.close();
    }

    private ProtectResult protect(Path source, KnownBlocksStore records, ProtectListener listener) {
        StopSignal stop = new StopSignal();
        HttpVaultApi api = new HttpVaultApi(transport, M, FAST, listener, stop);
        return new Protector(api, ProtectOptions.defaults().withRetry(FAST), listener, stop, records).protect(source);
    }

    /** A tree of FILES files over a few folders, a big sparse file, a link; left to settle past the stamp rule's margin. */
    private Path tree() throws IOException, InterruptedException {
        Path root = tmp.resolve("src");
        Random r = new Random(1);
        for (int i = 0; i < FILES; i++) {
            Path f = root.resolve("d" + (i % 4)).resolve("f" + i + ".bin");
            Files.createDirectories(f.getParent());
            byte[] b = new byte[1000 + r.nextInt(70_000)];
            r.nextBytes(b);
            Files.write(f, b);
        }
        byte[] sparse = new byte[3 << 20];
        r.nextBytes(Arrays.copyOfRange(sparse, 0, 1)); // keeps the generator's sequence independent of the size
        sparse[(2 << 20) + 5] = 7;
        Files.write(root.resolve("big.img"), sparse);
        Files.createSymbolicLink(root.resolve("link"), root.getFileSystem().getPath("d0/f0.bin"));
        settle();
        return root;
    }

    /** The one last-point record ({@code .last}) in the agent's record folder {@code dir}. */
    private static Path lastPointRecord(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".last")).findFirst().orElseThrow();
        }
    }

    /** A listener that keeps every notice (the agent's warnings) in {@code notices}. */
    private static ProtectListener noticesInto(List<String> notices) {
        return new ProtectListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
    }

    /** Waits out {@link FileStamp#SETTLE_NANOS}: stamps of files changed just before a pass are not trusted. */
    private static void settle() throws InterruptedException {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(FileStamp.SETTLE_NANOS) + 100);
    }

    /** Each path with its type, mode, mtime and content (or link target), sorted. */
    private static List<String> describe(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
                if (Files.isSymbolicLink(p)) {
                    out.add(rel + " -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.add(rel + "/ " + Files.getAttribute(p, "unix:mode") + " " + mtime);
                } else {
                    out.add(rel + " " + Files.getAttribute(p, "unix:mode") + " " + mtime + " "
                            + Arrays.hashCode(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    private List<String> restored(ProtectResult r, String name) throws IOException {
        Path target = tmp.resolve(name);
        new Failover(store, RestoreListener.NONE).run(M, r.point().id(), target, FailoverOptions.DEFAULT);
        return describe(target);
    }

    private long commitsOf(String contentType) {
        return transport.log().stream().filter(q -> q.path().endsWith("/points") && contentType.equals(q.contentType())).count();
    }

    private long chunkRequests() {
        return transport.log().stream().filter(q -> q.path().endsWith("/manifest-chunks")).count();
    }

    /** Content changed with its size and mtime put back (as a tool may): only ctime tells. */
    private static void rewriteKeepingSizeAndMtime(Path f) throws IOException {
        FileTime mtime = Files.getLastModifiedTime(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x5a;
        Files.write(f, b);
        Files.setLastModifiedTime(f, mtime);
    }

    @Test
    void theSecondPassKeepsUnchangedFilesAndGoesAsADeltaThatRestoresExactly() throws Exception {
        Path src = tree();
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        ProtectResult first = protect(src, records, ProtectListener.NONE);
        assertThat(first.sentAsDelta()).isFalse();
        assertThat(first.filesKept()).isZero();
        long chunksBefore = chunkRequests();

        rewriteKeepingSizeAndMtime(src.resolve("d1/f1.bin"));
        Files.write(src.resolve("d2/new.bin"), new byte[] {1, 2, 3});
        Files.delete(src.resolve("d3/f3.bin"));
        Files.setPosixFilePermissions(src.resolve("d0/f4.bin"), PosixFilePermissions.fromString("rwx------"));
        ProtectResult second = protect(src, records, ProtectListener.NONE);

        assertThat(second.sentAsDelta()).isTrue();
        assertThat(chunkRequests()).as("a delta sends no manifest chunk").isEqualTo(chunksBefore);
        assertThat(commitsOf(ReplicationPaths.DELTA_COMMIT)).isEqualTo(1);
        // all but the rewritten, the new and the chmod-ed file (39 left + 1 new + big.img = 41 files)
        assertThat(second.filesKept()).isEqualTo(41 - 3);
        assertThat(second.blocksSent()).as("the rewritten block and the new file's").isEqualTo(2);
        assertThat(restored(second, "second")).isEqualTo(describe(src));
        assertThat(restored(first, "first")).isNotEqualTo(describe(src));
        assertThat(store.verify(Optional.of(M)).ok()).isTrue();

        // a third pass with nothing changed: the three files changed just before the second pass were
        // recorded as not settled (their change may share a clock tick with that pass's stat), so they
        // are read once more; every other file is kept
        settle();
        ProtectResult third = protect(src, records, ProtectListener.NONE);
        assertThat(third.sentAsDelta()).isTrue();
        assertThat(third.filesKept()).isEqualTo(41 - 3);
        assertThat(protect(src, records, ProtectListener.NONE).filesKept()).as("now settled: all kept").isEqualTo(41);
        assertThat(third.blocksSent()).isZero();
        assertThat(restored(third, "third")).isEqualTo(describe(src));
    }

    @Test
    void anImagePointGoesAsADeltaOfChangedPositions() throws Exception {
        Path img = tmp.resolve("disk.img");
        byte[] data = new byte[4 << 20];
        new Random(3).nextBytes(data);
        Files.write(img, data);
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        protect(img, records, ProtectListener.NONE);
        data[100_000] ^= 1;
        data[3_000_000] ^= 1;
        Files.write(img, data);
        ProtectResult second = protect(img, records, ProtectListener.NONE);
        assertThat(second.sentAsDelta()).isTrue();
        assertThat(second.blocksSent()).isEqualTo(2);
        Path out = tmp.resolve("restored.img");
        new Failover(store, RestoreListener.NONE).run(M, second.point().id(), out, FailoverOptions.DEFAULT);
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    /**
     * A source named as given, not as an absolute normalised path (`agent protect disk.img` from its
     * folder, or a path through `..`): its record is still found and used. It was not once: the
     * record was checked against the absolute path, so such a source never went as a delta.
     */
    @Test
    void aSourceNamedByANonNormalisedPathStillGoesAsADelta() throws Exception {
        Files.createDirectories(tmp.resolve("sub"));
        Path img = tmp.resolve("sub/../disk.img");
        byte[] data = new byte[1 << 20];
        new Random(4).nextBytes(data);
        Files.write(img, data);
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProtectListener listener = noticesInto(notices);
        protect(img, records, listener);
        data[5] ^= 1;
        Files.write(img, data);
        ProtectResult second = protect(img, records, listener);
        assertThat(notices).isEmpty();
        assertThat(second.sentAsDelta()).isTrue();
        assertThat(second.blocksSent()).isEqualTo(1);
    }

    @Test
    void aPrunedParentIsAnsweredBySendingTheWholeManifest() throws Exception {
        Path src = tree();
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        protect(src, records, ProtectListener.NONE);
        // the agent's record names a point this vault never had: another vault with the same blocks
        try (Repository other = Repository.open(new MemoryBackend(), RepositoryOptions.defaults())) {
            InProcessTransport to = new InProcessTransport(other, M);
            ProtectResult seed = new Protector(new HttpVaultApi(to, M, FAST, ProtectListener.NONE, new StopSignal()),
                    ProtectOptions.defaults().withRetry(FAST), ProtectListener.NONE, new StopSignal()).protect(src);
            assertThat(seed.sentAsDelta()).isFalse();
            Files.write(src.resolve("d2/new.bin"), new byte[] {9});
            List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
            ProtectListener listener = noticesInto(notices);
            ProtectResult r = new Protector(new HttpVaultApi(to, M, FAST, listener, new StopSignal()),
                    ProtectOptions.defaults().withRetry(FAST), listener, new StopSignal(), records).protect(src);
            assertThat(r.sentAsDelta()).isFalse();
            assertThat(notices).anySatisfy(n -> assertThat(n).contains("unknown_parent").contains("sending the whole manifest"));
            Path target = tmp.resolve("other");
            new Failover(other, RestoreListener.NONE).run(M, r.point().id(), target, FailoverOptions.DEFAULT);
            assertThat(describe(target)).isEqualTo(describe(src));
        }
    }

    @Test
    void aTornOrForeignRecordMeansAFullReadAndAWholeManifest() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        Path last = lastPointRecord(dir);
        byte[] whole = Files.readAllBytes(last);
        Files.write(last, Arrays.copyOf(whole, whole.length / 2)); // torn
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProtectListener listener = noticesInto(notices);
        ProtectResult torn = protect(src, records, listener);
        assertThat(torn.filesKept()).isZero();
        assertThat(torn.sentAsDelta()).isFalse();
        assertThat(notices).singleElement().asString().contains("ignoring the record").contains("truncated");
        assertThat(restored(torn, "torn")).isEqualTo(describe(src));

        // a record of another source copied over this one's: refused by its source name
        Path other = tmp.resolve("other-src");
        Files.createDirectories(other);
        Files.writeString(other.resolve("x"), "x");
        settle();
        protect(other, records, ProtectListener.NONE);
        Path otherLast;
        try (Stream<Path> s = Files.list(dir)) {
            otherLast = s.filter(p -> p.toString().endsWith(".last") && !p.equals(last)).findFirst().orElseThrow();
        }
        Files.copy(otherLast, last, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        notices.clear();
        ProtectResult foreign = protect(src, records, listener);
        assertThat(foreign.filesKept()).isZero();
        assertThat(foreign.sentAsDelta()).isFalse();
        assertThat(notices).singleElement().asString().contains("not of " + src.toAbsolutePath());
    }

    @Test
    void aRecordOfAnotherPointThanTheBlockRecordIsNotUsed() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        Path last = lastPointRecord(dir);
        byte[] older = Files.readAllBytes(last);
        settle();
        protect(src, records, ProtectListener.NONE); // a new point: both records now name it
        Files.write(last, older); // as if a crash had kept the older entry record beside the newer block record
        ProtectResult r = protect(src, records, ProtectListener.NONE);
        assertThat(r.filesKept()).isZero();
        assertThat(r.sentAsDelta()).isFalse();
    }

    @Test
    void aDeltaItsParentDoesNotSatisfyIsAnsweredBySendingTheWholeManifest() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        Path last = lastPointRecord(dir);
        // a well-formed record that names a file the point never had: the delta removes it, the vault refuses
        LastPoint r;
        try (var in = Files.newInputStream(last)) {
            r = LastPointCodec.read(in, Files.size(last), src.toAbsolutePath().normalize().toString(), 32768);
        }
        List<LastPoint.Item> items = new ArrayList<>(r.items());
        items.add(new LastPoint.Item(new io.lifeboat.repository.Entry("zz-ghost", io.lifeboat.repository.EntryType.FILE,
                0644, 1, 0, null, List.of()), 0, null));
        try (var out = Files.newOutputStream(last)) {
            LastPointCodec.write(new LastPoint(r.source(), r.point(), r.blockSize(), r.fullReadMillis(), items), out);
        }
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProtectListener listener = noticesInto(notices);
        ProtectResult again = protect(src, records, listener);
        assertThat(again.sentAsDelta()).isFalse();
        assertThat(again.filesKept()).as("the stamps still hold").isEqualTo(41);
        assertThat(notices).singleElement().asString().contains("bad_manifest").contains("zz-ghost")
                .contains("sending the whole manifest");
        assertThat(restored(again, "ghost")).isEqualTo(describe(src));
    }

    @Test
    void aZeroRereadAgeReadsEveryFileButStillSendsADelta() throws Exception {
        Path src = tree();
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY).withRereadAfter(Duration.ZERO);
        protect(src, records, ProtectListener.NONE);
        rewriteKeepingSizeAndMtime(src.resolve("d1/f1.bin"));
        ProtectResult r = protect(src, records, ProtectListener.NONE);
        assertThat(r.filesKept()).isZero();
        assertThat(r.sentAsDelta()).isTrue();
        assertThat(r.blocksSent()).isEqualTo(1);
        assertThat(restored(r, "zero")).isEqualTo(describe(src));
    }

    @Test
    void aFileChangedJustBeforeThePassIsReadAgainNextTime() throws Exception {
        Path src = tree();
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        Files.write(src.resolve("d0/f0.bin"), new byte[] {1}); // within the settle margin of the first pass
        protect(src, records, ProtectListener.NONE);
        rewriteKeepingSizeAndMtime(src.resolve("d0/f0.bin")); // same size, same mtime, same tick as far as a stamp could tell
        settle();
        ProtectResult r = protect(src, records, ProtectListener.NONE);
        assertThat(r.filesKept()).isEqualTo(41 - 1);
        assertThat(restored(r, "racy")).isEqualTo(describe(src));
    }

    /** How many segments follow the base of the last-point record in {@code dir} (the one source's). */
    private static int segments(Path dir, Path src) throws IOException {
        Path last = lastPointRecord(dir);
        try (var in = Files.newInputStream(last)) {
            return LastPointCodec.readAppended(in, Files.size(last), src.toString(), 32768).extent().segments();
        }
    }

    @Test
    void aTreeWhereEveryFileChangesIsRecordedWholeAndTheNextPassKeepsAll() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                rewriteKeepingSizeAndMtime(f);
            }
        }
        settle();
        ProtectResult all = protect(src, records, ProtectListener.NONE);
        assertThat(all.filesKept()).isZero();
        assertThat(segments(dir, src)).as("every entry changed: written whole").isZero();
        ProtectResult next = protect(src, records, ProtectListener.NONE);
        assertThat(next.filesKept()).isEqualTo(41);
        assertThat(next.sentAsDelta()).isTrue();
        assertThat(restored(next, "all")).isEqualTo(describe(src));
    }

    @Test
    void removedAndRenamedFilesGoInASegmentAndTheNextPassKeepsTheRest() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        Files.delete(src.resolve("d3/f3.bin"));
        Files.move(src.resolve("d0/f0.bin"), src.resolve("d1/renamed.bin"));
        Files.delete(src.resolve("link"));
        settle();
        ProtectResult second = protect(src, records, ProtectListener.NONE);
        assertThat(second.filesKept()).as("all but the renamed file").isEqualTo(39);
        assertThat(segments(dir, src)).isEqualTo(1);
        ProtectResult third = protect(src, records, ProtectListener.NONE);
        assertThat(segments(dir, src)).isEqualTo(2);
        assertThat(third.filesKept()).isEqualTo(40);
        assertThat(third.sentAsDelta()).isTrue();
        assertThat(third.blocksSent()).isZero();
        assertThat(restored(third, "renamed")).isEqualTo(describe(src));
    }

    @Test
    void anEmptiedTreeIsRecordedWhole() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        protect(src, records, ProtectListener.NONE);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(src)) {
                    Files.delete(p);
                }
            }
        }
        ProtectResult empty = protect(src, records, ProtectListener.NONE);
        assertThat(segments(dir, src)).isZero();
        assertThat(restored(empty, "empty")).isEqualTo(describe(src));
        ProtectResult again = protect(src, records, ProtectListener.NONE);
        assertThat(again.sentAsDelta()).isTrue();
        assertThat(segments(dir, src)).as("a segment would pass a quarter of so small a base").isZero();
        assertThat(restored(again, "again")).isEqualTo(describe(src));
    }

    /**
     * A crash while the records' segments were appended leaves them at the point before the
     * vault's last one: the agent uses that older point as it always used a record a crash left
     * behind its last commit. Its stamps keep the files that did not change since it; the changed
     * file is read, its block found stored; the delta names the older point, which the vault builds on.
     */
    @Test
    void aTornSegmentLeavesThePointBeforeTheVaultsLastWhichStillServes() throws Exception {
        Path src = tree();
        Path dir = tmp.resolve("known");
        KnownBlocksStore records = KnownBlocksStore.in(dir, KEY);
        ProtectResult first = protect(src, records, ProtectListener.NONE);
        Path known;
        try (Stream<Path> s = Files.list(dir)) {
            known = s.filter(p -> p.toString().endsWith(".known")).findFirst().orElseThrow();
        }
        Path last = lastPointRecord(dir);
        long knownBase = Files.size(known);
        long lastBase = Files.size(last);
        rewriteKeepingSizeAndMtime(src.resolve("d2/f2.bin"));
        settle();
        ProtectResult second = protect(src, records, ProtectListener.NONE);
        assertThat(second.sentAsDelta()).isTrue();
        assertThat(segments(dir, src)).isEqualTo(1);
        // the crash: both appends cut short, the second point committed in the vault all the same
        try (var ch = java.nio.channels.FileChannel.open(known, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate((knownBase + ch.size()) / 2);
        }
        try (var ch = java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate((lastBase + ch.size()) / 2);
        }
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProtectResult third = protect(src, records, noticesInto(notices));
        assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n).contains("torn segment"));
        assertThat(third.filesKept()).as("all but the file changed since the first point").isEqualTo(40);
        assertThat(third.blocksSent()).as("its new block is stored since the second").isZero();
        assertThat(third.sentAsDelta()).as("a delta of the first point").isTrue();
        List<VaultTransport.Request> deltas = transport.log().stream()
                .filter(q -> ReplicationPaths.DELTA_COMMIT.equals(q.contentType())).toList();
        assertThat(new String(deltas.get(deltas.size() - 1).body(), java.nio.charset.StandardCharsets.UTF_8))
                .as("the delta names the first point as its parent").contains(first.point().id());
        assertThat(restored(third, "third")).isEqualTo(describe(src));
        assertThat(segments(dir, src)).as("appended over the torn tail").isEqualTo(1);
        assertThat(protect(src, records, ProtectListener.NONE).filesKept()).isEqualTo(41);
    }
}
