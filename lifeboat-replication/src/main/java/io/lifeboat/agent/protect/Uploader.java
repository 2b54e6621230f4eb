package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.Limits;
import io.lifeboat.repository.BlockId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sending half of a pass, on its own thread so that reading and hashing (the caller's thread)
 * overlap with compressing and sending. The reader hands over windows of non-zero blocks; for each
 * window the uploader asks the vault which ids it lacks, then seals (zstd where it pays) and sends
 * only those, in batches of about {@code batchBytes} and at most {@link Limits#MAX_BATCH_BLOCKS} blocks
 * (a tree of small files fills the block cap long before the byte target). Ids seen earlier in the pass are not asked
 * about again; a batch may span windows. Two batches are in flight at a time, so the vault stores one while the next
 * travels. At most two windows wait in the queue, so memory stays near 3 windows plus 2 batches.
 *
 * <p>Resumability comes from the vault's answer alone: after a crash, blocks stored by an earlier
 * attempt are simply reported as present. The uploader keeps no state of its own across passes.
 */
final class Uploader implements BlockSink, AutoCloseable {
    private record Pending(BlockId id, byte[] data, int length, boolean looksIncompressible) {
    }

    private static final List<Pending> END = List.of();
    /** Batches sent and not yet answered at a time. */
    static final int IN_FLIGHT = 2;
    /** Windows handed over and waiting for the uploader thread ({@link PipelineMemory} counts them). */
    static final int QUEUED_WINDOWS = 2;
    /**
     * A block sent raw at most this fraction of its array is copied into an array of its own length
     * ({@link #send}): a copy of a few KB against holding a whole block-sized array until its batch is answered.
     */
    static final int SHORT_COPIED = 4;
    /**
     * How long a window or a batch may wait to fill. When few blocks changed, a window of 1024 of
     * them would otherwise fill only at the end of the source, and everything would be asked about
     * and sent after the whole source was read: on a 2 GiB image with 1% changed, a second of the
     * pass spent sending after reading. Flushed at this age, they travel while the reader goes on.
     * 100 ms rather than 250 (session 19): a 1 GiB image read from the page cache in 0.6 s asked
     * about its first window 0.4 s in, and its batch, checked for age only when no window waited,
     * went after the read with all 492 changed blocks; what is sent after the read is now at most
     * about this long's worth of the read (docs/performance.md, "A 1% pass's blocks sent while it reads").
     */
    private static final long MAX_WAIT_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);

    private final VaultApi vault;
    private final ProtectOptions options;
    private final ProtectListener listener;
    private final StopSignal stop;
    private final BlockBuffers buffers;
    private final BlockingQueue<List<Pending>> queue = new ArrayBlockingQueue<>(QUEUED_WINDOWS);
    private final Set<BlockId> known = new HashSet<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private final ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
        Thread t = new Thread(r, "lifeboat-sender");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicLong blocksSent = new AtomicLong();
    private List<Pending> window = new ArrayList<>();
    private long windowStarted;
    private List<EncodedBlock> batch = new ArrayList<>();
    /** The reader's arrays that blocks of {@link #batch} still point into (raw bodies). */
    private List<byte[]> batchArrays = new ArrayList<>();
    private int batchBytes;
    private long batchStarted;
    private long blocksPresent;

    Uploader(VaultApi vault, ProtectOptions options, ProtectListener listener, StopSignal stop, BlockBuffers buffers) {
        this.buffers = buffers;
        this.vault = vault;
        this.options = options;
        this.listener = listener;
        this.stop = stop;
        this.thread = new Thread(this::run, "lifeboat-uploader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues one non-zero block; {@code data} must not be reused by the caller. */
    @Override
    public void accept(BlockId id, byte[] data, int length, boolean looksIncompressible) throws InterruptedException {
        rethrow();
        stop.check();
        if (window.isEmpty()) {
            windowStarted = System.nanoTime();
        }
        window.add(new Pending(id, data, length, looksIncompressible));
        if (window.size() >= options.windowBlocks()) {
            flushWindow();
        }
    }

    @Override
    public void moved() throws InterruptedException {
        if (!window.isEmpty() && System.nanoTime() - windowStarted > MAX_WAIT_NANOS) {
            flushWindow();
        }
    }

    /** Sends what is left and waits until every block is stored. */
    void finish() throws InterruptedException {
        flushWindow();
        put(END);
        thread.join();
        rethrow();
    }

    long blocksSent() {
        return blocksSent.get();
    }

    long blocksPresent() {
        return blocksPresent;
    }

    @Override
    public void close() {
        thread.interrupt();
        senders.shutdownNow();
    }

    private void flushWindow() throws InterruptedException {
        if (!window.isEmpty()) {
            put(window);
            window = new ArrayList<>();
        }
    }

    private void put(List<Pending> item) throws InterruptedException {
        while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            rethrow();
            stop.check();
        }
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void run() {
        try {
            for (List<Pending> w = next(); w != END; w = next()) {
                if (w != null) {
                    send(w);
                    flushBatchIfOld(); // windows that keep coming must not hold an old batch back
                }
            }
            flushBatch();
            inFlight.acquire(IN_FLIGHT); // every batch answered
            rethrow();
        } catch (InterruptedException e) {
            failure.compareAndSet(null, new ProtectCancelledException());
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            queue.clear();
        }
    }

    /** The next window, or null after a wait in which the batch being filled was sent for its age. */
    private List<Pending> next() throws InterruptedException {
        List<Pending> w = queue.poll(MAX_WAIT_NANOS / 2, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (w == null) {
            flushBatchIfOld();
        }
        return w;
    }

    private void flushBatchIfOld() throws InterruptedException {
        if (!batch.isEmpty() && System.nanoTime() - batchStarted > MAX_WAIT_NANOS) {
            flushBatch();
        }
    }

    private void send(List<Pending> w) throws InterruptedException {
        Map<BlockId, Pending> fresh = new LinkedHashMap<>();
        for (Pending p : w) {
            if (known.contains(p.id()) || fresh.putIfAbsent(p.id(), p) != null) {
                blocksPresent++;
                buffers.give(p.data());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Set<BlockId> lacking = vault.missing(new ArrayList<>(fresh.keySet()));
        for (Pending p : fresh.values()) {
            if (!lacking.contains(p.id())) {
                blocksPresent++;
                buffers.give(p.data());
                continue;
            }
            stop.check();
            EncodedBlock b = BlockSealer.seal(p.id(), p.data(), p.length(), options.compressionLevel(),
                    p.looksIncompressible());
            if (b.data() == p.data() && p.length() <= p.data().length / SHORT_COPIED) {
                // a short block sent raw (a small file that does not compress: a .gz, a .png) goes in
                // a copy of its own length, so the batch holds what it sends: a batch counts bytes
                // sent, and 4,096 such blocks of 2 KB each held a 32 KiB array for 8 MiB counted
                b = new EncodedBlock(b.id(), b.encoding(), b.rawLength(), Arrays.copyOf(p.data(), p.length()));
            }
            if (!batch.isEmpty() && (batchBytes + b.wireSize() > options.batchBytes()
                    || batch.size() >= Limits.MAX_BATCH_BLOCKS)) {
                flushBatch();
            }
            if (batch.isEmpty()) {
                batchStarted = System.nanoTime();
            }
            batch.add(b);
            batchBytes += b.wireSize();
            if (b.data() == p.data()) {
                batchArrays.add(p.data()); // sent as is: given back once the batch is answered
            } else {
                buffers.give(p.data()); // compressed or copied: the reader's array is free now
            }
        }
        known.addAll(fresh.keySet());
    }

    /**
     * Sends the batch being filled. Batches span windows, so a pass that changed a few blocks here
     * and there still sends them in few requests (each one costs the vault a durable write); one
     * that has waited {@link #MAX_WAIT_NANOS} goes anyway, so that sending overlaps reading.
     */
    private void flushBatch() throws InterruptedException {
        if (!batch.isEmpty()) {
            upload(batch, batchArrays);
            batch = new ArrayList<>();
            batchArrays = new ArrayList<>();
            batchBytes = 0;
        }
    }

    /** Hands a batch to a sender thread once fewer than two are in flight. */
    private void upload(List<EncodedBlock> batch, List<byte[]> arrays) throws InterruptedException {
        inFlight.acquire();
        rethrow();
        senders.execute(() -> {
            try {
                vault.upload(batch); // retries re-encode the batch, so its arrays stay untouched until here
                blocksSent.addAndGet(batch.size());
                listener.uploaded(batch.size(), BlockBatchCodec.size(batch));
                arrays.forEach(buffers::give);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                inFlight.release();
            }
        });
    }
}
