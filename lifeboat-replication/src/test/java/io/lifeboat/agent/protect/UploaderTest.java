package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.Limits;
import io.lifeboat.repository.BlockId;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UploaderTest {
    /** A vault that lacks everything and counts what reaches it. */
    private static class Lacking extends StubVaultApi {
        final CountDownLatch firstUpload = new CountDownLatch(1);
        final Set<BlockId> uploaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            return new HashSet<>(ids);
        }

        @Override
        public void upload(List<EncodedBlock> blocks) {
            BlockBatchCodec.decode(BlockBatchCodec.encode(blocks)); // what the wire format accepts
            batchSizes.add(blocks.size());
            blocks.forEach(b -> uploaded.add(b.id()));
            firstUpload.countDown();
        }
    }

    private static byte[] block(long seed) {
        byte[] b = new byte[4096];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aFewChangedBlocksTravelWhileTheReaderGoesOnNotAfterIt() throws InterruptedException {
        Lacking vault = new Lacking();
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096);
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 16))) {
            byte[] one = block(1);
            up.accept(BlockId.of(one), one, one.length); // far fewer than a window of 1024
            // the reader keeps reading unchanged blocks: it only reports that it moved on
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (vault.firstUpload.getCount() > 0 && System.nanoTime() < deadline) {
                up.moved();
                Thread.sleep(20);
            }
            assertThat(vault.uploaded).as("sent before the reader finished").containsExactly(BlockId.of(one));
            byte[] two = block(2);
            up.accept(BlockId.of(two), two, two.length);
            up.finish();
            assertThat(vault.uploaded).containsExactlyInAnyOrder(BlockId.of(one), BlockId.of(two));
        }
    }

    /** A vault that lacks everything and takes {@code askMillis} to answer each question. */
    private static final class SlowToAnswer extends Lacking {
        private final long askMillis;

        SlowToAnswer(long askMillis) {
            this.askMillis = askMillis;
        }

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            try {
                Thread.sleep(askMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.missing(ids);
        }
    }

    /**
     * Windows that keep coming (a queue never empty while the uploader asks about the last one) must
     * not hold back a batch older than the wait: it used to be sent only when the uploader found no
     * window waiting, so a 1% pass of an image sent all its changed blocks after the whole read.
     */
    @Test
    void anOldBatchIsSentWhileWindowsKeepComing() throws InterruptedException {
        SlowToAnswer vault = new SlowToAnswer(150); // each question outlasts the wait (100 ms)
        // a window per block, batches of 1 MiB: 40 blocks of 4 KiB fill neither a batch nor its block cap
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096).withPipeline(1, 1 << 20);
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 64))) {
            int accepted = 0;
            while (vault.firstUpload.getCount() > 0 && accepted < 40) {
                byte[] b = block(100 + accepted);
                up.accept(BlockId.of(b), b, b.length); // waits while two windows are queued
                accepted++;
            }
            assertThat(vault.firstUpload.getCount()).as("a batch sent before the reader stopped").isZero();
            assertThat(accepted).isLessThan(40);
            up.finish();
            assertThat(vault.uploaded).hasSize(accepted);
        }
    }

    /** A vault that lacks everything, takes {@code firstMillis} to answer its first question, and keeps them. */
    private static final class SlowFirstAnswer extends Lacking {
        private final long firstMillis;
        final List<List<BlockId>> questions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch firstAnswered = new CountDownLatch(1);

        SlowFirstAnswer(long firstMillis) {
            this.firstMillis = firstMillis;
        }

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            questions.add(List.copyOf(ids));
            if (questions.size() == 1) {
                try {
                    Thread.sleep(firstMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstAnswered.countDown();
            }
            return super.missing(ids);
        }
    }

    /**
     * A 1% pass's first question waits for the connection's handshake. The small windows the reader
     * flushes meanwhile (one changed block each, far under a window of 64) must not stop it: they
     * wait in the queue (counted in blocks, two full windows' worth), and are asked about together
     * in one question once the first is answered. With a queue of two windows, the third window
     * waited for the first answer.
     */
    @Test
    void smallWindowsQueueBehindASlowFirstQuestionAndAreAskedAboutTogether() throws InterruptedException {
        SlowFirstAnswer vault = new SlowFirstAnswer(3_000);
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096).withPipeline(64, 1 << 20);
        int windows = 6;
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 256))) {
            for (int i = 0; i < windows; i++) {
                byte[] b = block(500 + i);
                up.accept(BlockId.of(b), b, b.length);
                Thread.sleep(110); // older than the wait: the next call flushes the window
                up.moved();
            }
            assertThat(vault.firstAnswered.getCount()).as("every window handed over before the first answer").isOne();
            up.finish();
        }
        assertThat(vault.uploaded).hasSize(windows);
        assertThat(vault.questions).as("the first window's question, then one for the five that waited")
                .extracting(List::size).containsExactly(1, windows - 1);
    }

    /**
     * Behind a vault that does not answer, the reader may hand over the window being asked about and
     * two more, then fill a fourth (the four windows {@link PipelineMemory} counts), and no more:
     * counting the queue in blocks must not let more be held than two queued windows did.
     */
    @Test
    void behindAVaultThatDoesNotAnswerTheReaderHoldsNoMoreThanFourWindows() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        Lacking vault = new Lacking() {
            @Override
            public Set<BlockId> missing(List<BlockId> ids) {
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.missing(ids);
            }
        };
        int window = 4;
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096).withPipeline(window, 1 << 20);
        java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 64))) {
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < 10 * window; i++) {
                        byte[] b = block(900 + i);
                        handed.incrementAndGet(); // counted before the call that may wait
                        up.accept(BlockId.of(b), b, b.length);
                    }
                    up.finish();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            reader.start();
            int seen = -1;
            while (seen != handed.get()) { // until the reader stops
                seen = handed.get();
                Thread.sleep(300);
            }
            assertThat(seen).as("blocks handed over, the last one waiting").isEqualTo(4 * window);
            answer.countDown();
            reader.join(10_000);
            assertThat(vault.uploaded).hasSize(10 * window);
        }
    }

    /**
     * A tree of small files: 10,000 distinct blocks of 200 bytes are 2.4 MB, far under the byte
     * target of a batch, so only the wire format's cap on blocks per batch can split them.
     */
    @Test
    void manySmallBlocksGoInBatchesTheWireFormatAccepts() throws InterruptedException {
        Lacking vault = new Lacking();
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096);
        int count = 10_000;
        Set<BlockId> sent = new HashSet<>();
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 16))) {
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[4096];
                new Random(i).nextBytes(b);
                BlockId id = BlockId.of(b, 0, 200);
                sent.add(id);
                up.accept(id, b, 200);
            }
            up.finish();
        }
        assertThat(vault.uploaded).isEqualTo(sent);
        assertThat(vault.batchSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(Limits.MAX_BATCH_BLOCKS));
        assertThat(vault.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    }
}
