package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A protector's passes: images and trees, retries, stops, the loop, labels. */
class ProtectorTest extends ProtectorHarness {
    @Test
    void imageSendsOnlyNonZeroBlocksThenOnlyChangedOnes() throws IOException {
        int size = 8 << 20;
        byte[] data = image(size, 1);
        Path img = tmp.resolve("disk.img");
        Files.write(img, data);

        ProtectResult first = protect(img, ProtectListener.NONE);
        assertThat(first.point().kind()).isEqualTo(SourceKind.IMAGE);
        assertThat(first.blocks()).isEqualTo(256);
        assertThat(first.zeroBlocks()).isEqualTo(128);
        assertThat(first.blocksSent()).isEqualTo(128);
        assertThat(first.point().tlsVersion()).isEqualTo("TLSv1.3");
        assertThat(restore(manifestOf(first).entries().get(0))).isEqualTo(data);

        // 10 unaligned 4 KiB writes, some in the random half, some in the zero half
        Random r = new Random(2);
        for (int i = 0; i < 10; i++) {
            int at = 1000 + i * (size / 10) + r.nextInt(5000);
            byte[] piece = new byte[4096];
            r.nextBytes(piece);
            System.arraycopy(piece, 0, data, at, piece.length);
        }
        Files.write(img, data);
        ProtectResult second = protect(img, ProtectListener.NONE);
        assertThat(second.blocksSent()).isBetween(10L, 20L);
        assertThat(second.bytesSent()).isLessThan(first.bytesSent() / 5);
        assertThat(restore(manifestOf(second).entries().get(0))).isEqualTo(data);
        assertThat(restore(manifestOf(first).entries().get(0))).isNotEqualTo(data);
        assertThat(points()).hasSize(2);
    }

    /**
     * A running agent's protector keeps its block arrays from pass to pass: the second full pass of a
     * new image makes none, and each point still holds exactly the bytes its pass read.
     */
    @Test
    void aProtectorsNextPassReadsIntoTheArraysOfTheLastAndSendsItsOwnBytes() throws IOException {
        Path img = tmp.resolve("disk.img");
        StopSignal stop = new StopSignal();
        Protector protector = new Protector(new HttpVaultApi(transport, M, FAST, ProtectListener.NONE, stop),
                ProtectOptions.defaults().withRetry(FAST), ProtectListener.NONE, stop);
        byte[] one = new byte[16 << 20];
        new Random(31).nextBytes(one);
        Files.write(img, one);
        ProtectResult first = protector.protect(img);
        BlockBuffers firstBuffers = protector.lastBuffers();
        assertThat(firstBuffers.made()).isGreaterThan(0);

        byte[] two = new byte[16 << 20];
        new Random(32).nextBytes(two);
        Files.write(img, two);
        ProtectResult second = protector.protect(img);
        assertThat(protector.lastBuffers()).isNotSameAs(firstBuffers);
        assertThat(protector.lastBuffers().made()).isZero(); // every array was the last pass's
        assertThat(second.blocksSent()).isEqualTo(512);
        assertThat(restore(manifestOf(second).entries().get(0))).isEqualTo(two);
        assertThat(restore(manifestOf(first).entries().get(0))).isEqualTo(one);
    }

    @Test
    void repeatedBlocksAreSentOnceAndCompressibleOnesCompressed() throws IOException {
        byte[] block = "lifeboat ".repeat(4000).substring(0, 32 * 1024).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            out.writeBytes(block);
        }
        Path f = tmp.resolve("same.dat");
        Files.write(f, out.toByteArray());
        ProtectResult r = protect(f, ProtectListener.NONE);
        assertThat(r.blocksSent()).isEqualTo(1);
        assertThat(r.blocksPresent()).isEqualTo(19);
        assertThat(r.bytesSent()).isLessThan(2000); // one zstd block, one id query, a tiny manifest
    }

    @Test
    void aCutLinkIsRetriedWithBackOff() throws IOException {
        Path f = tmp.resolve("a.bin");
        Files.write(f, image(1 << 20, 3));
        AtomicInteger cuts = new AtomicInteger();
        transport.cutWhen(req -> req.path().endsWith("/blocks") && cuts.getAndIncrement() < 2);
        AtomicInteger retries = new AtomicInteger();
        ProtectResult r = protect(f, new ProtectListener() {
            @Override
            public void retrying(String request, int attempt, Duration delay, Exception cause) {
                retries.incrementAndGet();
                assertThat(request).isEqualTo("block upload");
                assertThat(delay).isEqualTo(FAST.delay(attempt));
            }
        });
        assertThat(retries).hasValue(2);
        assertThat(r.blocksSent()).isEqualTo(16);
        assertThat(FAST.delay(1)).isEqualTo(Duration.ofMillis(5));
        assertThat(FAST.delay(2)).isEqualTo(Duration.ofMillis(10));
        assertThat(FAST.delay(9)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aVaultThatStaysAwayIsDiagnosedOnceWhenTheRetriesRunOut() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger diagnoses = new AtomicInteger();
        LifeboatException diagnosed = new LifeboatException(LifeboatException.Kind.UNREACHABLE, "CONNECTION_REFUSED");
        VaultTransport away = new VaultTransport() {
            @Override
            public Reply send(Request request) throws IOException {
                attempts.incrementAndGet();
                throw new IOException("connection refused");
            }

            @Override
            public LifeboatException explain(LifeboatException failure) {
                diagnoses.incrementAndGet();
                assertThat(failure.getMessage()).startsWith("vault unreachable: missing-blocks query failed");
                return diagnosed;
            }
        };
        HttpVaultApi api = new HttpVaultApi(away, M, FAST, ProtectListener.NONE, new StopSignal());
        assertThatThrownBy(() -> api.missing(List.of(BlockId.of(new byte[] {1})))).isSameAs(diagnosed);
        assertThat(attempts.get()).isGreaterThan(2);
        assertThat(diagnoses).hasValue(1);
    }

    @Test
    void afterAFailedPassNothingStoredIsSentAgain() throws IOException {
        Path f = tmp.resolve("big.img");
        byte[] data = new byte[32 << 20];
        new Random(4).nextBytes(data); // 1024 random blocks, several batches
        Files.write(f, data);
        AtomicInteger uploads = new AtomicInteger();
        transport.cutWhen(req -> req.path().endsWith("/blocks") && uploads.incrementAndGet() > 2);
        assertThatThrownBy(() -> protect(f, ProtectListener.NONE))
                .isInstanceOf(LifeboatException.class)
                .hasMessageContaining("vault unreachable")
                .extracting(e -> ((LifeboatException) e).kind()).isEqualTo(LifeboatException.Kind.UNREACHABLE);
        int storedBefore = 1024 - store.missing(M, ids(data, 32 * 1024)).size();
        assertThat(storedBefore).isGreaterThan(0).isLessThan(1024).isEqualTo(blocksUploaded());
        assertThat(points()).isEmpty();

        transport.cutWhen(req -> false);
        ProtectResult r = protect(f, ProtectListener.NONE);
        assertThat(r.blocksSent()).isEqualTo(1024 - storedBefore);
        assertThat(r.blocksPresent()).isEqualTo(storedBefore);
        assertThat(blocksUploaded()).as("every block crossed the wire once, over both passes").isEqualTo(1024);
    }

    @Test
    void directoryTreeKeepsLayoutModesTimesAndLinks() throws IOException {
        Path root = tmp.resolve("tree");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty dir"));
        Files.write(root.resolve("a/b/c/deep.txt"), "deep".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("a/empty"), new byte[0]);
        Files.write(root.resolve("späces & ünïcode ✓.txt"), image(100_000, 5));
        Files.createSymbolicLink(root.resolve("link"), Path.of("a/b/c/deep.txt"));
        Path script = root.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(script, FileTime.fromMillis(1_600_000_000_000L));

        ProtectResult r = protect(root, ProtectListener.NONE);
        Manifest m = manifestOf(r);
        assertThat(m.kind()).isEqualTo(SourceKind.DIRECTORY);
        assertThat(m.entries()).extracting(Entry::path).containsExactly("", "a", "a/b", "a/b/c", "a/b/c/deep.txt",
                "a/empty", "empty dir", "link", "run.sh", "späces & ünïcode ✓.txt");
        Entry link = m.entries().get(7);
        assertThat(link.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(link.linkTarget()).isEqualTo("a/b/c/deep.txt");
        Entry run = m.entries().get(8);
        assertThat(run.mode()).isEqualTo(0750);
        assertThat(run.mtimeNanos()).isEqualTo(1_600_000_000_000_000_000L);
        assertThat(m.entries().get(5).blocks()).isEmpty();
        assertThat(m.entries().get(5).size()).isZero();
        assertThat(restore(m.entries().get(9))).isEqualTo(Files.readAllBytes(root.resolve("späces & ünïcode ✓.txt")));
        assertThat(restore(m.entries().get(4))).isEqualTo("deep".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hardLinkedFilesAreCountedAndStoredAsCopiesOfOneContent() throws IOException {
        Path root = tmp.resolve("linked");
        Files.createDirectories(root.resolve("d"));
        Path first = Files.write(root.resolve("a.bin"), image(200_000, 41));
        Files.createLink(root.resolve("b.bin"), first);
        Files.createLink(root.resolve("d/c.bin"), first);
        Files.writeString(root.resolve("single"), "one link");
        Notices notices = new Notices();
        ProtectResult r = protect(root, notices);
        assertThat(r.hardLinkCopies()).as("b.bin and d/c.bin, after a.bin").isEqualTo(2);
        assertThat(notices.messages).singleElement().asString()
                .contains("2 hard-linked files stored as separate copies");
        Manifest m = manifestOf(r);
        Entry a = m.entries().stream().filter(e -> e.path().equals("a.bin")).findFirst().orElseThrow();
        Entry c = m.entries().stream().filter(e -> e.path().equals("d/c.bin")).findFirst().orElseThrow();
        assertThat(c.blocks()).isEqualTo(a.blocks());
        assertThat(r.blocksSent()).as("the linked content travels once, beside the single file's block")
                .isEqualTo(a.blocks().stream().filter(b -> !b.isZero()).count() + 1);
    }

    @Test
    void aStopRequestAbandonsThePassAndLeavesNoPoint() throws IOException {
        Path f = tmp.resolve("x.img");
        Files.write(f, image(4 << 20, 6));
        StopSignal stop = new StopSignal();
        HttpVaultApi api = new HttpVaultApi(transport, M, FAST, ProtectListener.NONE, stop);
        ProtectListener stopAfterFirstBatch = new ProtectListener() {
            @Override
            public void uploaded(int blocks, long wireBytes) {
                stop.request();
            }
        };
        Protector p = new Protector(api, ProtectOptions.defaults().withBlockSize(4096), stopAfterFirstBatch, stop);
        assertThatThrownBy(() -> p.protect(f)).isInstanceOf(ProtectCancelledException.class);
        assertThat(points()).isEmpty();
    }

    @Test
    void theLoopRepeatsUntilStopped() throws Exception {
        Path f = tmp.resolve("small.bin");
        Files.write(f, image(100_000, 7));
        StopSignal stop = new StopSignal();
        HttpVaultApi api = new HttpVaultApi(transport, M, FAST, ProtectListener.NONE, stop);
        AtomicInteger committed = new AtomicInteger();
        ProtectListener l = new ProtectListener() {
            @Override
            public void committed(ProtectResult result) {
                if (committed.incrementAndGet() == 3) {
                    stop.request();
                }
            }
        };
        int rounds = new ProtectLoop(new Protector(api, ProtectOptions.defaults(), l, stop), stop, e -> {
            stop.request();
            throw e;
        })
                .run(List.of(f), Duration.ofMillis(10));
        assertThat(rounds).isEqualTo(3);
        List<PointInfo> points = points();
        assertThat(points).hasSize(3);
        assertThat(points.get(1).bytesSent()).isLessThan(points.get(0).bytesSent());
    }

    /**
     * A plain read is labelled live; a read from a snapshot crash-consistent. Here the pre script
     * freezes a copy and the source goes on changing: the point holds the copy, under the source's name.
     */
    @Test
    void aPointIsLabelledLiveUnlessReadFromASnapshot() throws IOException {
        Path f = tmp.resolve("data.bin");
        byte[] before = image(1 << 20, 31);
        Files.write(f, before);
        assertThat(protect(f, ProtectListener.NONE).point().consistency()).isEqualTo("live");

        Path frozen = tmp.resolve("frozen.bin");
        Path pre = tmp.resolve("pre");
        Files.writeString(pre, "#!/bin/sh\ncp \"$1\" " + frozen + "\necho changed >> \"$1\"\necho " + frozen + "\n");
        Path post = tmp.resolve("post");
        Files.writeString(post, "#!/bin/sh\nrm \"$LIFEBOAT_SNAPSHOT\"\n");
        for (Path script : List.of(pre, post)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        StopSignal stop = new StopSignal();
        ProtectOptions options = ProtectOptions.defaults().withRetry(FAST)
                .withSnapshot(new io.lifeboat.agent.snapshot.ScriptSnapshot(pre, post,
                        io.lifeboat.agent.snapshot.Commands.SYSTEM));
        ProtectResult r = new Protector(new HttpVaultApi(transport, M, FAST, ProtectListener.NONE, stop), options,
                ProtectListener.NONE, stop).protect(f);
        assertThat(r.point().consistency()).isEqualTo("crash-consistent");
        Manifest m = manifestOf(r);
        assertThat(m.source()).isEqualTo(f.toString());
        assertThat(restore(m.entries().get(0))).isEqualTo(before);
        assertThat(Files.size(f)).as("the source went on changing").isGreaterThan(before.length);
        assertThat(frozen).as("released by the post script").doesNotExist();
    }

    @Test
    void aMissingSourceIsAUsageError() {
        assertThatThrownBy(() -> protect(tmp.resolve("nope"), ProtectListener.NONE))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("no such file");
    }
}
