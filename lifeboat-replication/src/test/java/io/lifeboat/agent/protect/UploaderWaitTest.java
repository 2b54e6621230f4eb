package io.lifeboat.agent.protect;

import static io.lifeboat.agent.protect.UploaderTest.block;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.protect.UploaderTest.Lacking;
import io.lifeboat.repository.BlockId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How long the uploader lets changed blocks wait: a pass that changed few blocks sends them while
 * the reader goes on, not all after the read ({@code Uploader}'s wait of 100 ms, a window's and a
 * batch's together).
 */
class UploaderWaitTest {
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

    /**
     * The uploader's clock stands still once the window is old: a batch made of a window that already
     * waited its time must go as soon as it is sealed, not wait that time again (a batch aged from its
     * sealing held a running agent's whole 1% pass until after its read). Without its own clock, this
     * batch would go only at {@code finish}.
     */
    @Test
    void aBatchOfAWindowThatWaitedItsTimeIsSentAtOnce() throws InterruptedException {
        Lacking vault = new Lacking();
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096);
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 16), java.util.concurrent.ForkJoinPool.commonPool(), now::get)) {
            byte[] one = block(1);
            up.accept(BlockId.of(one), one, one.length); // far fewer than a window of 1024, nor a batch's bytes
            now.set(TimeUnit.MILLISECONDS.toNanos(101)); // the window's wait (100 ms) is over: the next move hands it over
            up.moved();
            assertThat(vault.firstUpload.await(10, TimeUnit.SECONDS)).as("sent before the reader finished").isTrue();
            assertThat(vault.uploaded).containsExactly(BlockId.of(one));
            up.finish();
            assertThat(vault.batchSizes).containsExactly(1);
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
}
