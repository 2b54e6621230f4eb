package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.snapshot.SnapshotProvider;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass's pipeline holds no more block data than {@link PipelineMemory#worstCaseBytes} says, even
 * behind a vault that answers slower than the agent reads, and its windows and batches are sized so
 * that this fits in half the heap.
 */
class PipelineMemoryTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void theDefaultsHoldUpTo192MiBAndAreKeptOnALargeHeap() {
        ProtectOptions d = ProtectOptions.defaults();
        assertThat(PipelineMemory.worstCaseBytes(d)).isEqualTo(192 * MIB);
        assertThat(PipelineMemory.fit(d, 6L << 30)).isEqualTo(d);
        assertThat(PipelineMemory.fit(d, 384 * MIB)).isEqualTo(d);
    }

    @Test
    void aSmallHeapGetsSmallerWindowsAndBatchesThatFitInHalfOfIt() {
        // -Xmx192m: what the serial collector then reports as the most it can use
        long heap = 185 * MIB;
        ProtectOptions fitted = PipelineMemory.fit(ProtectOptions.defaults(), heap);
        assertThat(PipelineMemory.worstCaseBytes(fitted)).isLessThanOrEqualTo(heap / 2);
        assertThat(fitted.windowBlocks()).isLessThan(1024).isGreaterThanOrEqualTo(PipelineMemory.MIN_WINDOW_BLOCKS);
        assertThat(fitted.batchBytes()).isLessThan(16 << 20).isGreaterThanOrEqualTo(PipelineMemory.MIN_BATCH_BYTES);
        assertThat(fitted.blockSize()).isEqualTo(ProtectOptions.DEFAULT_BLOCK_SIZE);
        for (long h = 64 * MIB; h <= 2048 * MIB; h += 16 * MIB) {
            ProtectOptions f = PipelineMemory.fit(ProtectOptions.defaults(), h);
            boolean smallest = f.windowBlocks() == PipelineMemory.MIN_WINDOW_BLOCKS
                    && f.batchBytes() == PipelineMemory.MIN_BATCH_BYTES;
            assertThat(PipelineMemory.worstCaseBytes(f) <= h / 2 || smallest).as("heap %d MiB", h / MIB).isTrue();
        }
    }

    @Test
    void aHeapTooSmallForAnyPipelineStopsAtTheSmallestWindowAndBatch() {
        ProtectOptions f = PipelineMemory.fit(ProtectOptions.defaults(), 16 * MIB);
        assertThat(f.windowBlocks()).isEqualTo(PipelineMemory.MIN_WINDOW_BLOCKS);
        assertThat(f.batchBytes()).isEqualTo(PipelineMemory.MIN_BATCH_BYTES);
        ProtectOptions small = new ProtectOptions(4096, 10, 16 << 10, BlockSealer.DEFAULT_LEVEL, RetryPolicy.defaults(),
                SnapshotProvider.NONE);
        assertThat(PipelineMemory.fit(small, 1 * MIB)).isEqualTo(small); // never larger than asked for
    }

    /** Every request is answered late: the reader fills every stage of the pipeline before the first answer. */
    private static final class SlowVault extends StubVaultApi {
        final AtomicInteger uploaded = new AtomicInteger();

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            pause();
            return new HashSet<>(ids);
        }

        @Override
        public void upload(List<EncodedBlock> blocks) {
            pause();
            uploaded.addAndGet(blocks.size());
        }

        private static void pause() {
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void behindASlowVaultThePipelineHoldsNoMoreThanItsWorstCase() throws Exception {
        int bs = 4096;
        ProtectOptions options = new ProtectOptions(bs, 64, 64 << 10, BlockSealer.DEFAULT_LEVEL, RetryPolicy.defaults(),
                SnapshotProvider.NONE);
        byte[] data = new byte[4096 * bs]; // random: every block is sent raw, its array held until answered
        new Random(14).nextBytes(data);
        Path f = Files.write(tmp.resolve("image"), data);
        BlockBuffers buffers = new BlockBuffers(bs, PipelineMemory.WINDOWS_HELD * options.windowBlocks());
        SlowVault vault = new SlowVault();
        SourceReader reader = new SourceReader(bs, ProtectListener.NONE, new StopSignal(), buffers, KnownBlocks.NONE,
                new BlockFingerprint(new FingerprintKey(14)));
        Manifest m;
        try (Uploader uploader = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(), buffers)) {
            m = reader.read(f, f.toString(), SourceKind.IMAGE, uploader);
            uploader.finish();
        }
        assertThat(m.entries().get(0).blocks()).hasSize(4096);
        assertThat(vault.uploaded).hasValue(4096);
        long held = (long) buffers.mostOut() * bs;
        assertThat(held).isLessThanOrEqualTo(PipelineMemory.worstCaseBytes(options));
        // and the stages did fill (else the bound above says nothing): both groups and the queued windows
        assertThat(buffers.mostOut()).isGreaterThan(PipelineMemory.GROUPS_HELD * BlockGroupReader.GROUP);
    }
}
