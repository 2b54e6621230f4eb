package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A tree's second pass keeps unchanged files unread (by their stamp) and commits its point as a
 * delta of the first; the points restore byte for byte, and every way a record can be wrong or
 * missing falls back to reading everything and sending the whole manifest.
 */
class TreeDeltaTest extends TreeHarness {
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
    void aDeltaLargerThanTheVaultTakesIsAnsweredBySendingTheWholeManifest() throws Exception {
        Path src = tree();
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("known"), KEY);
        protect(src, records, ProtectListener.NONE);
        Files.write(src.resolve("d1/new.bin"), new byte[] {4, 2});
        // what the vault answers a delta past its body limit, or past the JSON it parses in one body
        VaultTransport limited = request -> ReplicationPaths.DELTA_COMMIT.equals(request.contentType())
                ? new VaultTransport.Reply(413, ReplicationPaths.JSON, ("{\"error\":\"too_large\",\"message\":"
                        + "\"the request body is larger than 1048576 bytes\"}").getBytes(), "TLSv1.3", "TLS_AES_128_GCM_SHA256")
                : transport.send(request);
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProtectResult r = protect(limited, src, noticesInto(notices), records);
        assertThat(r.sentAsDelta()).isFalse();
        assertThat(notices).singleElement().asString().contains("too_large").contains("sending the whole manifest");
        assertThat(restored(r, "limited")).isEqualTo(describe(src));
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
}
