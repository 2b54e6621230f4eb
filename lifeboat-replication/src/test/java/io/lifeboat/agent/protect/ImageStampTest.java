package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifeboat.agent.snapshot.Commands;
import io.lifeboat.agent.snapshot.ScriptSnapshot;
import io.lifeboat.agent.snapshot.SnapshotProvider;
import io.lifeboat.repository.ManifestDigest;
import io.lifeboat.repository.PruneRequest;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image or file source whose stamp is the one recorded with its last point is not opened: its
 * new point is the last one's blocks, committed as an unchanged delta. Every way the stamp, its
 * file or the records can differ, be missing or be stale makes the pass read the source.
 *
 * <p>"Not opened" is shown by the kernel's count of bytes this process read ({@code rchar} in
 * {@code /proc/self/io}): a pass that reads the 8 MiB image adds at least 8 MiB to it.
 */
class ImageStampTest {
    private static final String M = "vm-1";
    private static final FingerprintKey KEY = new FingerprintKey(0x1ae9);
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(300));
    private static final int IMAGE_BYTES = 8 << 20;

    @TempDir
    Path tmp;

    final Repository store = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());
    final InProcessTransport transport = new InProcessTransport(store, M);
    final List<String> notices = new ArrayList<>();

    @AfterEach
    void close() {
        store.close();
    }

    private ProtectResult protect(Path source, KnownBlocksStore records) {
        return protect(source, records, SnapshotProvider.NONE);
    }

    private ProtectResult protect(Path source, KnownBlocksStore records, SnapshotProvider snapshots) {
        ProtectListener listener = new ProtectListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
        StopSignal stop = new StopSignal();
        HttpVaultApi api = new HttpVaultApi(transport, M, FAST, listener, stop);
        return new Protector(api, ProtectOptions.defaults().withRetry(FAST).withSnapshot(snapshots), listener, stop,
                records).protect(source);
    }

    private KnownBlocksStore records() {
        return KnownBlocksStore.in(tmp.resolve("known"), KEY);
    }

    /** An 8 MiB image, random but for a run of zero blocks, left to settle past the stamp rule's margin. */
    private Path image(String name) throws IOException, InterruptedException {
        byte[] data = new byte[IMAGE_BYTES];
        new Random(7).nextBytes(data);
        java.util.Arrays.fill(data, 1 << 20, 2 << 20, (byte) 0);
        Path img = tmp.resolve(name);
        Files.write(img, data);
        settle();
        return img;
    }

    /** Waits out {@link FileStamp#SETTLE_NANOS}: a stamp changed just before a pass is not trusted. */
    private static void settle() throws InterruptedException {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(FileStamp.SETTLE_NANOS) + 100);
    }

    /** Bytes this process has read through system calls so far (the kernel's count). */
    private static long bytesRead() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring("rchar:".length()).strip());
            }
        }
        throw new IllegalStateException("no rchar in /proc/self/io");
    }

    private byte[] restored(ProtectResult r, String name) throws IOException {
        Path target = tmp.resolve(name);
        new Failover(store, RestoreListener.NONE).run(M, r.point().id(), target, FailoverOptions.DEFAULT);
        return Files.readAllBytes(target);
    }

    private Path stampFile(Path source) {
        return SourceStampStore.beside(records()).fileOf(source);
    }

    @Test
    void anUnchangedSettledImageIsNotOpenedAndItsPointHoldsTheSameBlocks() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "the kernel's count of bytes read (Linux)");
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        ProtectResult first = protect(img, records);
        assertThat(first.keptByStamp()).isFalse();

        long before = bytesRead();
        ProtectResult second = protect(img, records);
        long read = bytesRead() - before;

        assertThat(second.keptByStamp()).isTrue();
        assertThat(read).as("bytes read by the kept pass (the records, not the image)").isLessThan(IMAGE_BYTES / 8);
        assertThat(second.point().id()).isNotEqualTo(first.point().id());
        assertThat(second.sentAsDelta()).isTrue();
        assertThat(second.blocksSent()).isZero();
        assertThat(second.blocks()).isEqualTo(first.blocks());
        assertThat(second.zeroBlocks()).isEqualTo(first.zeroBlocks()).isEqualTo(32);
        assertThat(second.blocksPresent()).isEqualTo(first.blocks() - first.zeroBlocks());
        assertThat(store.manifest(M, second.point().id()).entries())
                .isEqualTo(store.manifest(M, first.point().id()).entries());
        assertThat(restored(second, "second.img")).isEqualTo(Files.readAllBytes(img));
        assertThat(store.verify(Optional.of(M)).ok()).isTrue();

        // the stamp now names the second point: a third pass is kept as well, built on it
        ProtectResult third = protect(img, records);
        assertThat(third.keptByStamp()).isTrue();
        assertThat(store.points(Optional.of(M))).hasSize(3);
        assertThat(notices).isEmpty();
    }

    /** The manifest digest the stamp file of {@code img} keeps, or null ("-"). */
    private SourceStamp stampOf(Path img) throws IOException {
        return SourceStampCodec.read(Files.readAllBytes(stampFile(img)), img.toAbsolutePath().toString());
    }

    @Test
    void aKeptPassSendsTheDigestKeptWithTheStampWhichIsTheVaultsOwn() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        ProtectResult first = protect(img, records);
        assertThat(stampOf(img).manifestSha256()).as("a first pass sent whole: no digest at hand").isNull();

        ProtectResult second = protect(img, records); // kept: computes the digest once and keeps it
        String digest = stampOf(img).manifestSha256();
        assertThat(second.keptByStamp()).isTrue();
        assertThat(digest).isEqualTo(ManifestDigest.of(store.manifest(M, first.point().id())))
                .isEqualTo(ManifestDigest.of(store.manifest(M, second.point().id())));

        ProtectResult third = protect(img, records); // kept: sends the kept digest
        assertThat(third.keptByStamp()).isTrue();
        assertThat(third.sentAsDelta()).isTrue();
        assertThat(stampOf(img).manifestSha256()).isEqualTo(digest);
        assertThat(store.manifest(M, third.point().id()).entries()).isEqualTo(store.manifest(M, first.point().id()).entries());
        assertThat(restored(third, "third.img")).isEqualTo(Files.readAllBytes(img));

        // a read pass that sent a delta keeps the digest it computed
        Files.setLastModifiedTime(img, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
        settle();
        ProtectResult read = protect(img, records);
        assertThat(read.keptByStamp()).isFalse();
        assertThat(read.sentAsDelta()).isTrue();
        assertThat(stampOf(img).manifestSha256()).isEqualTo(ManifestDigest.of(store.manifest(M, read.point().id())));
        assertThat(notices).isEmpty();
    }

    @Test
    void theVaultRefusesAKeptPassWhoseDigestIsWrongAndTheWholeManifestGoesInstead() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        ProtectResult first = protect(img, records);
        SourceStamp s = stampOf(img);
        Files.write(stampFile(img), SourceStampCodec.write(new SourceStamp(s.source(), s.point(), s.stamp(),
                s.passStartNanos(), s.fullReadMillis(), "0".repeat(64))));

        ProtectResult kept = protect(img, records);
        assertThat(kept.keptByStamp()).isTrue();
        assertThat(kept.sentAsDelta()).as("refused by the vault's digest check").isFalse();
        assertThat(store.manifest(M, kept.point().id()).entries()).isEqualTo(store.manifest(M, first.point().id()).entries());
        assertThat(stampOf(img).manifestSha256()).as("a refused digest is not kept").isNull();

        ProtectResult next = protect(img, records);
        assertThat(next.keptByStamp()).isTrue();
        assertThat(next.sentAsDelta()).isTrue();
        assertThat(restored(next, "next.img")).isEqualTo(Files.readAllBytes(img));
    }

    @Test
    void theVaultRefusesAKeptPassWhoseParentIsGoneAndTheWholeManifestGoesInstead() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        ProtectResult first = protect(img, records);
        ProtectResult second = protect(img, records);
        assertThat(second.keptByStamp()).isTrue();
        store.prune(new PruneRequest(Optional.of(M), Set.of(second.point().id()), true, false));
        assertThat(store.points(Optional.of(M))).extracting(p -> p.id()).containsExactly(first.point().id());

        ProtectResult third = protect(img, records); // the records and the stamp name the pruned point
        assertThat(third.keptByStamp()).isTrue();
        assertThat(third.sentAsDelta()).as("the parent is not a point of the vault").isFalse();
        assertThat(third.blocksSent()).isZero();
        assertThat(store.manifest(M, third.point().id()).entries()).isEqualTo(store.manifest(M, first.point().id()).entries());
        assertThat(restored(third, "third.img")).isEqualTo(Files.readAllBytes(img));
        assertThat(store.verify(Optional.of(M)).ok()).isTrue();
        assertThat(protect(img, records).sentAsDelta()).as("built on the whole point").isTrue();
    }

    @Test
    void aWriteThatKeepsSizeAndMtimeIsSeenByCtimeAndRead() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        protect(img, records);
        FileTime mtime = Files.getLastModifiedTime(img);
        byte[] data = Files.readAllBytes(img);
        data[5_000_000] ^= 0x5a;
        Files.write(img, data);
        Files.setLastModifiedTime(img, mtime); // as tar, rsync -t and cp -p put it back

        ProtectResult second = protect(img, records);
        assertThat(second.keptByStamp()).isFalse();
        assertThat(second.blocksSent()).isEqualTo(1);
        assertThat(restored(second, "second.img")).isEqualTo(data);
    }

    @Test
    void aTouchAChmodOrAReplacedInodeMakesThePassRead() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        protect(img, records);

        Files.setLastModifiedTime(img, FileTime.fromMillis(System.currentTimeMillis())); // `touch`: content unchanged
        assertThat(protect(img, records).keptByStamp()).as("touched").isFalse();
        settle();
        assertThat(protect(img, records).keptByStamp()).as("recorded unsettled by the pass right after the touch").isFalse();
        assertThat(protect(img, records).keptByStamp()).isTrue();

        Files.setPosixFilePermissions(img, PosixFilePermissions.fromString("rw-------"));
        assertThat(protect(img, records).keptByStamp()).as("chmod").isFalse();

        // the same bytes and mtime under another inode (a copy renamed over the image)
        Path copy = tmp.resolve("copy.tmp");
        Files.copy(img, copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(copy, img, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        settle();
        ProtectResult replaced = protect(img, records);
        assertThat(replaced.keptByStamp()).as("another inode").isFalse();
        assertThat(replaced.blocksSent()).isZero();
    }

    @Test
    void anImageWrittenJustBeforeThePassIsReadAgainNextPass() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(2).nextBytes(data);
        Path img = tmp.resolve("fresh.img");
        Files.write(img, data);
        KnownBlocksStore records = records();
        protect(img, records); // the stamp shares the second before this pass: not settled
        ProtectResult second = protect(img, records);
        assertThat(second.keptByStamp()).as("a stamp not settled before the pass that took it").isFalse();
    }

    @Test
    void rehashAndAnExpiredRereadAfterRead() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        protect(img, records);

        assertThat(protect(img, records.withRereadAfter(Duration.ZERO)).keptByStamp()).as("--reread-after 0s").isFalse();
        // that pass read the whole image: a new period of --reread-after begins with it
        assertThat(protect(img, records).keptByStamp()).isTrue();

        records.forgetAll(); // --rehash, as the CLI does it
        SourceStampStore.beside(records).forgetAll();
        assertThat(Files.exists(stampFile(img))).isFalse();
        ProtectResult rehashed = protect(img, records);
        assertThat(rehashed.keptByStamp()).as("--rehash").isFalse();
        assertThat(rehashed.sentAsDelta()).isFalse();
    }

    @Test
    void aMissingDamagedOrOtherPointStampFileReads() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        ProtectResult first = protect(img, records);
        Path stamp = stampFile(img);
        assertThat(Files.readString(stamp)).contains("point " + first.point().id()).contains("source " + img);

        Files.delete(stamp);
        assertThat(protect(img, records).keptByStamp()).as("missing").isFalse();
        assertThat(protect(img, records).keptByStamp()).as("written again by the read pass").isTrue();

        byte[] b = Files.readAllBytes(stamp);
        b[b.length / 2] ^= 1;
        Files.write(stamp, b);
        assertThat(protect(img, records).keptByStamp()).as("damaged").isFalse();
        assertThat(notices).anyMatch(n -> n.contains("ignoring the stamp of " + img) && n.contains("checksum"));

        SourceStamp current = SourceStampCodec.read(Files.readAllBytes(stamp), img.toAbsolutePath().toString());
        Files.write(stamp, SourceStampCodec.write(new SourceStamp(current.source(), "another-point", current.stamp(),
                current.passStartNanos(), current.fullReadMillis(), current.manifestSha256())));
        assertThat(protect(img, records).keptByStamp()).as("of another point").isFalse();
    }

    @Test
    void aFailedCommitLeavesNoStampNamingTheUncommittedPoint() throws Exception {
        Path img = image("disk.img");
        KnownBlocksStore records = records();
        ProtectResult first = protect(img, records);
        Files.setLastModifiedTime(img, FileTime.fromMillis(System.currentTimeMillis() - 10_000)); // stamp changed
        settle();

        transport.cutWhen(q -> q.path().endsWith("/points") || q.path().endsWith("/points/delta"));
        assertThatThrownBy(() -> protect(img, records)).isNotNull();
        transport.cutWhen(q -> false);
        assertThat(store.points(Optional.of(M))).hasSize(1);
        assertThat(Files.exists(stampFile(img))).as("deleted before the commit was tried").isFalse();

        ProtectResult next = protect(img, records);
        assertThat(next.keptByStamp()).isFalse();
        assertThat(Files.readString(stampFile(img))).contains("point " + next.point().id())
                .doesNotContain(first.point().id());
        assertThat(protect(img, records).keptByStamp()).isTrue();
    }

    @Test
    void aSnapshotOfAnotherPathIsAlwaysReadAndOneOfTheSourceItselfIsKept() throws Exception {
        Path img = image("disk.img");
        Path copy = tmp.resolve("snapshot-copy.img");
        Files.copy(img, copy);
        settle();
        // the operator's pre script prints the path of its own snapshot (whose stamp never changes here)
        Commands printsCopy = (argv, env) -> new Commands.Result(0, argv.get(0).endsWith("pre") ? copy + "\n" : "", "");
        SnapshotProvider snapshotted = new ScriptSnapshot(Path.of("/opt/pre"), Path.of("/opt/post"), printsCopy);
        KnownBlocksStore records = records();
        protect(img, records, snapshotted);
        ProtectResult second = protect(img, records, snapshotted);
        assertThat(second.keptByStamp()).as("the snapshot's stamp is not the source's").isFalse();
        assertThat(second.point().consistency()).isEqualTo("crash-consistent");

        // a pre script that holds the source still and prints nothing: the source itself is read, and kept
        Commands holdsStill = (argv, env) -> new Commands.Result(0, "", "");
        SnapshotProvider inPlace = new ScriptSnapshot(Path.of("/opt/pre"), Path.of("/opt/post"), holdsStill);
        protect(img, records, inPlace);
        ProtectResult kept = protect(img, records, inPlace);
        assertThat(kept.keptByStamp()).isTrue();
        assertThat(kept.point().consistency()).isEqualTo("crash-consistent");
    }

    @Test
    void onlyARegularFileIsKeptByItsStampNeverABlockDeviceOrATree() throws Exception {
        assertThat(SourceKinds.keptByStamp(SourceKind.IMAGE)).isTrue();
        assertThat(SourceKinds.keptByStamp(SourceKind.FILE)).isTrue();
        assertThat(SourceKinds.keptByStamp(SourceKind.BLOCK_DEVICE)).isFalse();
        assertThat(SourceKinds.keptByStamp(SourceKind.DIRECTORY)).isFalse();
        Path img = image("disk.img");
        assertThat(SourceKinds.stamp(img, SourceKind.IMAGE)).isNotNull();
        assertThat(SourceKinds.stamp(img, SourceKind.BLOCK_DEVICE)).as("whatever the path's stat says").isNull();
    }
}
