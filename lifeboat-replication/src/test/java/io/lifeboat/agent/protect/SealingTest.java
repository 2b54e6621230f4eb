package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The uploader seals a window's blocks on its own thread and on a task of another at once
 * ({@code Uploader.sealAll}): the blocks still reach the vault in the window's order, each intact and
 * once, and a task that never gets a thread does not hold the pass up.
 */
class SealingTest {
    private static final int BLOCK = 4096;
    private static final int BLOCKS = 256; // a window of them: 8 chunks of Uploader.SEAL_CHUNK

    /** A vault that lacks everything and keeps each batch's blocks as sent. */
    private static final class Keeping extends StubVaultApi {
        final List<List<EncodedBlock>> batches = new CopyOnWriteArrayList<>();

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            return new HashSet<>(ids);
        }

        @Override
        public void upload(List<EncodedBlock> blocks) {
            batches.add(List.copyOf(blocks));
        }
    }

    /** Text that zstd shrinks, different in every block, and every fifth block random (sent raw). */
    private static byte[] block(int n) {
        Random r = new Random(n);
        byte[] b = new byte[BLOCK];
        if (n % 5 == 0) {
            r.nextBytes(b);
            return b;
        }
        String[] words = {"vault", "agent", "block", "window", "batch", "seal", "tree", "pass"};
        StringBuilder s = new StringBuilder();
        while (s.length() < BLOCK) {
            s.append(words[r.nextInt(words.length)]).append(' ').append(r.nextInt(1000)).append('\n');
        }
        System.arraycopy(s.toString().getBytes(StandardCharsets.US_ASCII), 0, b, 0, BLOCK);
        return b;
    }

    private static byte[] raw(EncodedBlock b) {
        byte[] body = Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length());
        return b.encoding() == BlockEncoding.ZSTD ? Zstd.decompress(body, b.rawLength()) : body;
    }

    /** Passes one window of {@link #BLOCKS} blocks through an uploader sealing beside {@code sealing}. */
    private static Keeping pass(Executor sealing, Map<BlockId, byte[]> sentBytes, List<BlockId> order)
            throws InterruptedException {
        Keeping vault = new Keeping();
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(BLOCK).withPipeline(BLOCKS, 16 << 20);
        BlockBuffers buffers = new BlockBuffers(BLOCK, 2 * BLOCKS);
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(), buffers, sealing,
                System::nanoTime)) {
            for (int n = 0; n < BLOCKS; n++) {
                byte[] b = block(n);
                BlockId id = BlockId.of(b);
                sentBytes.put(id, b.clone());
                order.add(id);
                byte[] array = buffers.take();
                System.arraycopy(b, 0, array, 0, BLOCK);
                up.accept(id, array, BLOCK);
            }
            up.finish();
        }
        return vault;
    }

    private static void assertArrivedInOrderAndIntact(Keeping vault, Map<BlockId, byte[]> sentBytes, List<BlockId> order) {
        List<BlockId> arrived = new ArrayList<>();
        int compressed = 0;
        // two batches may be in flight at once: each batch in order, and the batches in any order
        List<List<EncodedBlock>> batches = new ArrayList<>(vault.batches);
        batches.sort((a, b) -> Integer.compare(order.indexOf(a.get(0).id()), order.indexOf(b.get(0).id())));
        for (List<EncodedBlock> batch : batches) {
            for (EncodedBlock b : batch) {
                arrived.add(b.id());
                assertThat(raw(b)).as("block %s as read", b.id()).isEqualTo(sentBytes.get(b.id()));
                compressed += b.encoding() == BlockEncoding.ZSTD ? 1 : 0;
            }
        }
        assertThat(arrived).containsExactlyElementsOf(order);
        assertThat(compressed).as("the text blocks went compressed").isEqualTo(BLOCKS - (BLOCKS + 4) / 5); // n % 5 != 0
    }

    @Test
    void aWindowIsSealedOnTwoThreadsAndArrivesInItsOrder() throws InterruptedException {
        AtomicInteger tasks = new AtomicInteger();
        Set<String> helpers = ConcurrentHashMap.newKeySet();
        Executor sealing = task -> {
            tasks.incrementAndGet();
            Thread t = new Thread(() -> {
                helpers.add(Thread.currentThread().getName());
                task.run();
            }, "test-sealer");
            t.start();
        };
        Map<BlockId, byte[]> sentBytes = new ConcurrentHashMap<>();
        List<BlockId> order = new ArrayList<>();
        Keeping vault = pass(sealing, sentBytes, order);
        assertThat(tasks.get()).as("the window's sealing shared with another thread").isEqualTo(1);
        assertArrivedInOrderAndIntact(vault, sentBytes, order);
    }

    @Test
    void aSealingTaskThatNeverRunsDoesNotHoldThePassUp() throws InterruptedException {
        List<Runnable> held = new CopyOnWriteArrayList<>();
        Map<BlockId, byte[]> sentBytes = new ConcurrentHashMap<>();
        List<BlockId> order = new ArrayList<>();
        Keeping vault = pass(held::add, sentBytes, order); // a pool busy with other work for the whole pass
        assertThat(held).hasSize(1);
        assertArrivedInOrderAndIntact(vault, sentBytes, order);
        held.forEach(Runnable::run); // when it gets a thread at last, it finds nothing left to seal
        assertArrivedInOrderAndIntact(vault, sentBytes, order);
    }
}
