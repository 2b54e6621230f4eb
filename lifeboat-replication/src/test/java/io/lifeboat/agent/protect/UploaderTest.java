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
    static class Lacking extends StubVaultApi {
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

    static byte[] block(long seed) {
        byte[] b = new byte[4096];
        new Random(seed).nextBytes(b);
        return b;
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

    /**
     * A vault that lacks everything, answers its first upload only when released (later ones at once:
     * the uploader's other slot in flight keeps going, however batches are cut), and keeps every body it was sent.
     */
    private static final class HeldUploads extends StubVaultApi {
        final CountDownLatch release = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        final java.util.Map<BlockId, byte[]> bodies = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            return new HashSet<>(ids);
        }

        @Override
        public void upload(List<EncodedBlock> blocks) {
            try {
                if (first.getAndSet(false)) {
                    release.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (EncodedBlock b : BlockBatchCodec.decode(BlockBatchCodec.encode(blocks))) {
                bodies.put(b.id(), java.util.Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length()));
            }
        }
    }

    /**
     * A tree's small files that do not compress (a .gz, a .png) are short blocks sent raw. A batch
     * counts the bytes it sends, so 4,096 of them held a block-sized array each until the batch was
     * answered: a tree pass held 11,000 arrays (350 MB) where the pipeline's bound was 200 MB. Each is
     * now sent from a copy of its own length and its array goes back to the pool at once, so the pool
     * makes no more while batches wait; and what is sent is the block as it was read, though its
     * array was taken again and overwritten before the batch went.
     */
    @Test
    void shortRawBlocksGiveTheirArraysBackBeforeTheirBatchIsAnswered() throws InterruptedException {
        HeldUploads vault = new HeldUploads();
        BlockBuffers pool = new BlockBuffers(4096, 64);
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096).withPipeline(16, 1 << 20);
        java.util.Map<BlockId, byte[]> read = new java.util.HashMap<>();
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(), pool)) {
            Random random = new Random(3);
            for (int i = 0; i < 3000; i++) {
                byte[] b = pool.take();
                random.nextBytes(b); // random: sent raw
                BlockId id = BlockId.of(b, 0, 700);
                read.put(id, java.util.Arrays.copyOf(b, 700));
                up.accept(id, b, 700);
            }
            assertThat(pool.made()).as("arrays made while the first batch waits").isLessThan(300);
            vault.release.countDown();
            up.finish();
        }
        assertThat(vault.bodies).hasSize(read.size());
        read.forEach((id, bytes) -> assertThat(vault.bodies.get(id)).as("the bytes read").isEqualTo(bytes));
    }

    /** A vault that holds the given blocks and records every id it is asked about. */
    private static final class Holding extends Lacking {
        final Set<BlockId> held;
        final List<BlockId> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        Holding(Set<BlockId> held) {
            this.held = held;
        }

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            asked.addAll(ids);
            Set<BlockId> lacking = new HashSet<>(ids);
            lacking.removeAll(held);
            return lacking;
        }
    }

    /**
     * What the question buys, by ids: of ten distinct blocks and a repeat, the vault holding five,
     * each distinct id is asked about once and only the five it lacks are sent.
     */
    @Test
    void eachDistinctIdIsAskedAboutOnceAndOnlyTheLackingSent() throws InterruptedException {
        Set<BlockId> held = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            held.add(BlockId.of(block(500 + i)));
        }
        Holding vault = new Holding(held);
        List<BlockId> ids = new java.util.ArrayList<>();
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096);
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 16))) {
            for (int i = 0; i <= 10; i++) {
                byte[] b = block(500 + i % 10);
                ids.add(BlockId.of(b));
                up.accept(BlockId.of(b), b, b.length);
            }
            up.finish();
            assertThat(up.blocksSent()).isEqualTo(5);
            assertThat(up.blocksPresent()).as("five held, one repeat").isEqualTo(6);
        }
        assertThat(vault.asked).containsExactlyElementsOf(ids.subList(0, 10));
        assertThat(vault.uploaded).containsExactlyInAnyOrderElementsOf(ids.subList(5, 10));
    }

    /**
     * A vault that takes 50 ms to answer each question (so the reader stays a window ahead of the
     * uploader), records the ids asked about, and holds every upload until let go.
     */
    private static final class HoldsUploads extends Lacking {
        final List<BlockId> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch letGo = new CountDownLatch(1);

        @Override
        public Set<BlockId> missing(List<BlockId> ids) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            asked.addAll(ids);
            return super.missing(ids);
        }

        @Override
        public void upload(List<EncodedBlock> blocks) {
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.upload(blocks);
        }
    }

    /**
     * The question about the next window travels while this one waits to be sent. Windows of one
     * block, a batch per block, two batches in flight that the vault does not answer: the uploader
     * stops when it hands over the third batch (the fourth window's block seals it). By then it must
     * have asked about the fifth window too; asking in turn, it had asked about four.
     */
    @Test
    void theNextWindowIsAskedAboutWhileThisOneWaitsToBeSent() throws Exception {
        HoldsUploads vault = new HoldsUploads();
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096).withPipeline(1, 4096);
        List<BlockId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(BlockId.of(block(700 + i)));
        }
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 16))) {
            java.util.concurrent.FutureTask<Void> reader = new java.util.concurrent.FutureTask<>(() -> {
                for (int i = 0; i < 8; i++) {
                    byte[] b = block(700 + i);
                    up.accept(BlockId.of(b), b, b.length);
                }
                up.finish();
                return null;
            });
            new Thread(reader, "test-reader").start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (vault.asked.size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100); // and no more than that while the uploads are held
            assertThat(vault.asked).as("asked while two batches are held").containsExactlyElementsOf(ids.subList(0, 5));
            assertThat(vault.uploaded).isEmpty();
            vault.letGo.countDown();
            reader.get(10, TimeUnit.SECONDS);
        }
        assertThat(vault.asked).as("each id asked about once, in order").containsExactlyElementsOf(ids);
        assertThat(vault.uploaded).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** A question that fails (asked on a thread of its own) fails the pass with the vault's own error. */
    @Test
    void aFailedQuestionFailsThePassWithItsOwnError() {
        IllegalStateException refused = new IllegalStateException("missing-blocks query refused: 503");
        Lacking vault = new Lacking() {
            private int questions;

            @Override
            public Set<BlockId> missing(List<BlockId> ids) {
                if (++questions == 2) {
                    throw refused;
                }
                return super.missing(ids);
            }
        };
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096).withPipeline(1, 1 << 20);
        Throwable thrown;
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal(),
                new BlockBuffers(4096, 16))) {
            thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
                for (int i = 0; i < 40; i++) {
                    byte[] b = block(800 + i);
                    up.accept(BlockId.of(b), b, b.length);
                }
                up.finish();
            });
        }
        assertThat(thrown).isSameAs(refused);
    }

    /**
     * Asking ahead holds no more windows than asking in turn: behind a vault that never answers, the
     * reader hands over three windows (one asked about, one asked about next, one queued; before, one
     * asked about and two queued) and waits on the fourth.
     */
    @Test
    void behindAVaultThatDoesNotAnswerTheReaderHandsOverThreeWindows() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Lacking vault = new Lacking() {
            @Override
            public Set<BlockId> missing(List<BlockId> ids) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.missing(ids);
            }
        };
        ProtectOptions options = ProtectOptions.defaults().withBlockSize(4096).withPipeline(1, 1 << 20);
        java.util.concurrent.atomic.AtomicInteger handedOver = new java.util.concurrent.atomic.AtomicInteger();
        StopSignal stop = new StopSignal();
        Thread reader;
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, stop, new BlockBuffers(4096, 16))) {
            reader = new Thread(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        byte[] b = block(900 + i);
                        up.accept(BlockId.of(b), b, b.length); // a window of one: handed over at once
                        handedOver.incrementAndGet();
                    }
                } catch (Exception | Error stopped) {
                    // the uploader was closed: the reader stops
                }
            }, "test-reader");
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (handedOver.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300); // and no more than that, however long it waits
            assertThat(handedOver).hasValue(3);
            stop.request();
        } finally {
            never.countDown();
        }
        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
    }
}
