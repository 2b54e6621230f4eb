package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.agent.snapshot.SnapshotProvider;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Manifest;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The protect pipeline (reading and hashing the next group while the current one is handed over,
 * asking and sealing on the uploader thread, two batches in flight) gives what reading the source
 * one block after another would give, and keeps the pass's rules when it is stopped or cut off.
 *
 * <p>Small blocks (4 KiB), windows of 100 blocks and 64 KiB batches, so a source of a few MiB
 * spans several groups of 256 blocks, many windows and many batches, each crossing the others'
 * edges.
 */
class PipelineTest extends ProtectorHarness {
    private static final int BS = 4096;
    private static final ProtectOptions SMALL = new ProtectOptions(BS, 100, 64 << 10, BlockSealer.DEFAULT_LEVEL, FAST,
            SnapshotProvider.NONE);

    /** The block list a serial read gives: fixed blocks in order, all-zero ones as zero refs. */
    private static List<BlockRef> serial(byte[] data) {
        List<BlockRef> refs = new ArrayList<>();
        byte[] zeros = new byte[BS];
        for (int at = 0; at < data.length; at += BS) {
            int len = Math.min(BS, data.length - at);
            refs.add(Arrays.equals(data, at, at + len, zeros, 0, len) ? BlockRef.zero(len)
                    : new BlockRef(BlockId.of(data, at, len), len));
        }
        return refs;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Random, zero and text runs of uneven lengths, a repeated block, and a short last block. */
    private static byte[] mixed(long seed) {
        Random r = new Random(seed);
        byte[] text = "2026-12-06T05:00:00Z web-1 GET /orders/12345 200 17ms\n".repeat(4000)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[3 * 1024 * 1024 + 1234];
        int at = 0;
        while (at < out.length) {
            int run = Math.min(out.length - at, BS / 2 + r.nextInt(40 * BS));
            switch (r.nextInt(3)) {
                case 0 -> {
                    byte[] b = random(run, r.nextLong());
                    System.arraycopy(b, 0, out, at, run);
                }
                case 1 -> { } // zeros
                default -> System.arraycopy(text, 0, out, at, Math.min(run, text.length));
            }
            at += run;
        }
        System.arraycopy(out, 0, out, 100 * BS, BS); // the same content at two positions
        return out;
    }

    private ProtectResult protect(Path f, ProtectListener listener, StopSignal stop) {
        HttpVaultApi api = new HttpVaultApi(transport, M, FAST, listener, stop);
        return new Protector(api, SMALL, listener, stop).protect(f);
    }

    private List<BlockRef> stored(ProtectResult r) {
        Manifest m = store.manifest(M, r.point().id());
        assertThat(m.entries()).hasSize(1);
        return m.entries().get(0).blocks();
    }

    /** The pass's own threads are gone once it has ended, however it ended. */
    private static void assertNoPipelineThreadLeft() throws InterruptedException {
        for (int i = 0; i < 200 && pipelineThreads() > 0; i++) {
            Thread.sleep(10); // a shut-down executor's thread ends just after the call returns
        }
        assertThat(pipelineThreads()).isZero();
    }

    private static long pipelineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().equals("lifeboat-read-ahead") || t.getName().equals("lifeboat-uploader")
                        || t.getName().equals("lifeboat-sender")))
                .count();
    }

    @Test
    void theManifestIsTheOneASerialReadGivesOnRandomZeroAndMixedSources() throws Exception {
        byte[][] sources = {random(2 * 1024 * 1024 + 7, 1), new byte[1024 * 1024 + BS], mixed(2), mixed(3)};
        for (int i = 0; i < sources.length; i++) {
            Path f = tmp.resolve("source-" + i + ".img");
            Files.write(f, sources[i]);
            ProtectResult r = protect(f, ProtectListener.NONE, new StopSignal());
            List<BlockRef> expected = serial(sources[i]);
            assertThat(stored(r)).as("source %d: the same blocks in the same order", i).isEqualTo(expected);
            assertThat(r.sourceBytes()).isEqualTo(sources[i].length);
            for (BlockRef b : expected) {
                if (!b.isZero()) {
                    assertThat(BlockId.of(store.readBlock(M, b.id()))).isEqualTo(b.id());
                }
            }
        }
        assertNoPipelineThreadLeft();
    }

    /** Depth first, children in name order: the order a serial walk of the tree gives. */
    private static void serialWalk(Path dir, String rel, List<String> names) throws IOException {
        names.add(rel);
        List<Path> children;
        try (var s = Files.list(dir)) {
            children = s.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
        }
        for (Path c : children) {
            String name = (rel.isEmpty() ? "" : rel + "/") + c.getFileName();
            if (Files.isDirectory(c, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                serialWalk(c, name, names);
            } else {
                names.add(name);
            }
        }
    }

    @Test
    void aTreeOfSmallAndLargeFilesReadAheadGivesTheSerialManifest() throws Exception {
        Path root = tmp.resolve("tree");
        Random r = new Random(9);
        for (int d = 0; d < 3; d++) {
            Path dir = Files.createDirectories(root.resolve("dir-" + d).resolve("sub"));
            for (int f = 0; f < 40; f++) {
                int size = f % 13 == 0 ? 2 * 1024 * 1024 + r.nextInt(BS) : r.nextInt(5 * BS);
                byte[] b = f % 5 == 0 ? new byte[size] : random(size, r.nextLong());
                Files.write((f % 2 == 0 ? dir : dir.getParent()).resolve(String.format("f%03d", f)), b);
            }
            Files.createSymbolicLink(dir.resolve("link"), Path.of("../f001"));
        }
        ProtectResult r1 = protect(root, ProtectListener.NONE, new StopSignal());
        Manifest m = store.manifest(M, r1.point().id());
        List<String> expected = new ArrayList<>();
        serialWalk(root, "", expected);
        assertThat(m.entries()).extracting(io.lifeboat.repository.Entry::path).containsExactlyElementsOf(expected);
        for (io.lifeboat.repository.Entry e : m.entries()) {
            if (e.type() == io.lifeboat.repository.EntryType.FILE) {
                assertThat(e.blocks()).as(e.path()).isEqualTo(serial(Files.readAllBytes(root.resolve(e.path()))));
            }
        }
        assertNoPipelineThreadLeft();
    }

    @Test
    void aStopMidPipelineLeavesNoPointAndTheNextPassSendsOnlyWhatIsMissing() throws Exception {
        byte[] data = mixed(4);
        Path f = tmp.resolve("x.img");
        Files.write(f, data);
        StopSignal stop = new StopSignal();
        AtomicInteger batches = new AtomicInteger();
        ProtectListener stopAfterThreeBatches = new ProtectListener() {
            @Override
            public void uploaded(int blocks, long wireBytes) {
                if (batches.incrementAndGet() == 3) {
                    stop.request(); // reading, asking and sending are all under way
                }
            }
        };
        assertThatThrownBy(() -> protect(f, stopAfterThreeBatches, stop)).isInstanceOf(ProtectCancelledException.class);
        assertThat(points()).isEmpty();
        assertThat(transport.log()).noneMatch(q -> q.path().endsWith("/points"));
        assertNoPipelineThreadLeft();
        int sentBefore = blocksUploaded();
        assertThat(sentBefore).isPositive();

        ProtectResult r = protect(f, ProtectListener.NONE, new StopSignal());
        List<BlockRef> expected = serial(data);
        assertThat(stored(r)).isEqualTo(expected);
        long distinct = expected.stream().filter(b -> !b.isZero()).map(BlockRef::id).distinct().count();
        assertThat(blocksUploaded()).as("no block crossed the wire twice").isEqualTo((int) distinct);
        assertThat(r.blocksSent()).isEqualTo(distinct - sentBefore);
    }

    @Test
    void anUploadThatFailsMidPipelineIsResumedByTheNextPass() throws Exception {
        byte[] data = random(3 * 1024 * 1024, 5);
        Path f = tmp.resolve("y.img");
        Files.write(f, data);
        AtomicInteger uploads = new AtomicInteger();
        transport.cutWhen(q -> q.path().endsWith("/blocks") && uploads.incrementAndGet() > 4);
        assertThatThrownBy(() -> protect(f, ProtectListener.NONE, new StopSignal()))
                .isInstanceOf(LifeboatException.class)
                .extracting(e -> ((LifeboatException) e).kind()).isEqualTo(LifeboatException.Kind.UNREACHABLE);
        assertThat(points()).isEmpty();
        assertNoPipelineThreadLeft();
        int sentBefore = blocksUploaded();
        assertThat(sentBefore).isPositive().isLessThan(data.length / BS);

        transport.cutWhen(q -> false);
        ProtectResult r = protect(f, ProtectListener.NONE, new StopSignal());
        assertThat(stored(r)).isEqualTo(serial(data));
        assertThat(r.blocksPresent()).isEqualTo(sentBefore);
        assertThat(blocksUploaded()).as("every block crossed the wire once, over both passes").isEqualTo(data.length / BS);
    }
}
