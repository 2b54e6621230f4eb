package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.Limits;
import io.lifeboat.repository.Await;
import io.lifeboat.repository.BlockId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The sending half of a pass, on its own thread so that reading and hashing (the caller's thread)
 * overlap with compressing and sending. The reader hands over windows of non-zero blocks; for each
 * window the uploader asks the vault which ids it lacks, then seals (zstd where it pays) and sends
 * only those, in batches of about {@code batchBytes} and at most {@link Limits#MAX_BATCH_BLOCKS} blocks
 * (a tree of small files fills the block cap long before the byte target). Ids seen earlier in the pass are not asked
 * about again; a batch may span windows. Two batches are in flight at a time, so the vault stores one while the next
 * travels. The reader hands over at most three windows the uploader is not done with (queued, asked about, being
 * sealed), so memory stays near 4 windows (with the one being filled) plus 3 batches.
 *
 * <p>The question about a window is asked ahead, on a thread of its own: when the next window is
 * already waiting, its question goes to the vault before this one's blocks are sealed and handed
 * to a sender, so its round trip runs while this window is sealed and while the uploader waits for
 * a batch in flight to be answered, not after. One question at a time, in the order of the windows;
 * an id is counted as asked about when its question is made, so a later window's repeat is not
 * asked again. What the question buys is unchanged: only the ids the vault lacks are sent.
 *
 * <p>A window's blocks are sealed on the uploader's thread and on one more (a task of the common
 * pool) at once, then put into batches in the window's order.
 *
 * <p>Resumability comes from the vault's answer alone: after a crash, blocks stored by an earlier
 * attempt are simply reported as present. The uploader keeps no state of its own across passes.
 */
final class Uploader implements BlockSink, AutoCloseable {
    private record Pending(BlockId id, byte[] data, int length, boolean looksIncompressible) {
    }

    /** A window handed over, and when its first block came ({@link #clock}). */
    private record Window(List<Pending> blocks, long started) { }

    private static final Window END = new Window(List.of(), 0);
    /** Batches sent and not yet answered at a time. */
    static final int IN_FLIGHT = 2;
    /**
     * Windows the reader may have handed over that the uploader is not done with: queued, asked about
     * ahead, or being sealed ({@link PipelineMemory} counts them). A window's room is given back only
     * once it is sealed and handed to a sender, so asking ahead holds no more windows than asking in
     * turn did (two queued and one worked through).
     */
    static final int WINDOWS_HANDED_OVER = 3;
    /**
     * A block sent raw at most this fraction of its array is copied into an array of its own length
     * ({@link #send}): a copy of a few KB against holding a whole block-sized array until its batch is answered.
     */
    static final int SHORT_COPIED = 4;
    /** Blocks one thread takes at a time when a window is sealed on two ({@link #sealAll}). */
    static final int SEAL_CHUNK = 32;
    /**
     * How long a window or a batch may wait to fill, so that few changed blocks travel while the reader goes on, not
     * all after the read. A batch's age is its oldest block's since the reader handed it over, not since its sealing,
     * which held a running agent's whole 1% pass (read in 0.15 s) until after its read (docs/performance.md, "A 1%
     * pass's blocks sent while it reads", session 19: 100 ms, was 250; "A running agent's 1% pass", session 25).
     */
    private static final long MAX_WAIT_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);

    private final VaultApi vault;
    private final ProtectOptions options;
    private final ProtectListener listener;
    private final StopSignal stop;
    private final BlockBuffers buffers;
    private final BlockingQueue<Window> queue = new LinkedBlockingQueue<>(); // bounded by windowRoom
    private final Semaphore windowRoom = new Semaphore(WINDOWS_HANDED_OVER);
    private final Set<BlockId> known = new HashSet<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private final ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
        Thread t = new Thread(r, "lifeboat-sender");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    /** Asks the vault about windows, one question at a time, while the uploader thread seals and sends. */
    private final ExecutorService asker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lifeboat-asker");
        t.setDaemon(true);
        return t;
    });
    /** Where a second thread seals beside the uploader's own ({@link #sealAll}). */
    private final Executor sealing;
    /** The time in nanoseconds that ages windows and batches ({@code System::nanoTime}; a test's own clock). */
    private final LongSupplier clock;
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
        // the common pool: the one the reader's slices run on, whose threads wait while the uploader is behind
        this(vault, options, listener, stop, buffers, ForkJoinPool.commonPool(), System::nanoTime);
    }

    Uploader(VaultApi vault, ProtectOptions options, ProtectListener listener, StopSignal stop, BlockBuffers buffers,
             Executor sealing, LongSupplier clock) {
        this.clock = clock;
        this.sealing = sealing;
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
            windowStarted = clock.getAsLong();
        }
        window.add(new Pending(id, data, length, looksIncompressible));
        if (window.size() >= options.windowBlocks()) {
            flushWindow();
        }
    }

    @Override
    public void moved() throws InterruptedException {
        if (!window.isEmpty() && clock.getAsLong() - windowStarted > MAX_WAIT_NANOS) {
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
        asker.shutdownNow();
        senders.shutdownNow();
    }

    private void flushWindow() throws InterruptedException {
        if (!window.isEmpty()) {
            put(new Window(window, windowStarted));
            window = new ArrayList<>();
        }
    }

    private void put(Window item) throws InterruptedException {
        while (item != END && !windowRoom.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            rethrow();
            stop.check();
        }
        queue.add(item);
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
            Asked asked = null; // the window whose question is under way, not yet sealed
            for (Window w = next(asked); w != END; w = next(asked)) {
                Asked ahead = w == null ? null : ask(w);
                if (asked != null) {
                    send(asked); // sealed and handed to a sender while the next window's question travels
                }
                asked = ahead;
                flushBatchIfOld(); // windows that keep coming must not hold an old batch back
            }
            if (asked != null) {
                send(asked);
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

    /**
     * The next window, or null when none came. While a window's question is under way it does not
     * wait: that window is then sent at once. Otherwise it waits a while, and on none sends the batch
     * being filled if it is old.
     */
    private Window next(Asked asked) throws InterruptedException {
        if (asked != null) {
            return queue.poll();
        }
        Window w = queue.poll(MAX_WAIT_NANOS / 2, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (w == null) {
            flushBatchIfOld();
        }
        return w;
    }

    /** A window's blocks not seen before in the pass, the vault's answer to come (which it lacks), the window's start. */
    private record Asked(Collection<Pending> fresh, Future<Set<BlockId>> lacking, long started) {
    }

    /** Sends the question about {@code w}'s ids not seen before in the pass, and returns at once. */
    private Asked ask(Window w) {
        Map<BlockId, Pending> fresh = new LinkedHashMap<>();
        for (Pending p : w.blocks()) {
            if (known.contains(p.id()) || fresh.putIfAbsent(p.id(), p) != null) {
                blocksPresent++;
                buffers.give(p.data());
            }
        }
        if (fresh.isEmpty()) {
            return new Asked(List.of(), CompletableFuture.completedFuture(Set.of()), w.started());
        }
        known.addAll(fresh.keySet()); // asked about now: the next window's repeats are not asked again
        List<BlockId> ids = new ArrayList<>(fresh.keySet());
        return new Asked(fresh.values(), asker.submit(() -> vault.missing(ids)), w.started());
    }

    /** Sends the batch when it is old and a sender is free; never waits for one (the next window is asked about first). */
    private void flushBatchIfOld() {
        if (!batch.isEmpty() && clock.getAsLong() - batchStarted > MAX_WAIT_NANOS && inFlight.tryAcquire()) {
            sendBatch();
        }
    }

    /** Seals the blocks of {@code asked} the vault lacks into batches, then gives the window's room back. */
    private void send(Asked asked) throws InterruptedException {
        // a failed question fails the pass with the question's own exception, as when it was asked here
        Set<BlockId> lacking = Await.result(asked.lacking(), e -> new ProtectCancelledException());
        List<Pending> wanted = new ArrayList<>();
        for (Pending p : asked.fresh()) {
            if (lacking.contains(p.id())) {
                wanted.add(p);
            } else {
                blocksPresent++;
                buffers.give(p.data());
            }
        }
        stop.check();
        EncodedBlock[] sealed = sealAll(wanted);
        for (int i = 0; i < sealed.length; i++) {
            EncodedBlock b = sealed[i];
            if (!batch.isEmpty() && (batchBytes + b.wireSize() > options.batchBytes()
                    || batch.size() >= Limits.MAX_BATCH_BLOCKS)) {
                flushBatch();
            }
            if (batch.isEmpty()) {
                batchStarted = asked.started(); // its blocks have waited since the reader handed their window over
            }
            batch.add(b);
            batchBytes += b.wireSize();
            if (b.data() == wanted.get(i).data()) {
                batchArrays.add(b.data()); // sent as is: given back once the batch is answered
            }
        }
        windowRoom.release();
    }

    /**
     * Seals {@code wanted}, in its order, on this thread and on one task of {@link #sealing} at once:
     * each takes the next {@link #SEAL_CHUNK} blocks not yet taken until none is left. Why: sealing
     * (zstd level 1 on a tree's text, 1.4-1.6 CPU s of a 750 MB tree's full pass) was the uploader
     * thread's work alone, a serial stage between the reader and the senders (docs/performance.md,
     * "A tree's full pass: its sealing on two threads"). The task is not waited for when it had not
     * started by the time this thread ran out of blocks (its pool busy with the reader's slices):
     * it then finds none and ends.
     */
    private EncodedBlock[] sealAll(List<Pending> wanted) {
        EncodedBlock[] sealed = new EncodedBlock[wanted.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int from; (from = next.getAndAdd(SEAL_CHUNK)) < sealed.length; ) {
                for (int i = from; i < Math.min(sealed.length, from + SEAL_CHUNK); i++) {
                    sealed[i] = seal(wanted.get(i));
                }
            }
        };
        if (sealed.length <= SEAL_CHUNK) {
            work.run();
            return sealed;
        }
        AtomicBoolean taken = new AtomicBoolean();
        // a FutureTask handed to the executor as it is: CompletableFuture.runAsync would swap a common
        // pool of parallelism 1 (a 2-core machine's) for a new thread per task
        FutureTask<Void> helper = new FutureTask<>(() -> {
            if (taken.compareAndSet(false, true)) {
                work.run();
            }
        }, null);
        sealing.execute(helper);
        work.run();
        if (!taken.compareAndSet(false, true)) {
            Await.result(helper, e -> new ProtectCancelledException()); // its last blocks, and what it wrote, seen here
        }
        return sealed;
    }

    /**
     * One block sealed; the reader's array given back at once when the block no longer needs it
     * (compressed, or copied), so a window being sealed holds no more than its blocks' arrays.
     */
    private EncodedBlock seal(Pending p) {
        EncodedBlock b = BlockSealer.seal(p.id(), p.data(), p.length(), options.compressionLevel(), p.looksIncompressible());
        if (b.data() == p.data() && p.length() <= p.data().length / SHORT_COPIED) {
            // a short block sent raw (a small file that does not compress: a .gz, a .png) goes in
            // a copy of its own length, so the batch holds what it sends: a batch counts bytes
            // sent, and 4,096 such blocks of 2 KB each held a 32 KiB array for 8 MiB counted
            b = new EncodedBlock(b.id(), b.encoding(), b.rawLength(), Arrays.copyOf(p.data(), p.length()));
        }
        if (b.data() != p.data()) {
            buffers.give(p.data());
        }
        return b;
    }

    /** Sends the batch being filled. Batches span windows: a pass that changed a few blocks sends them in few requests. */
    private void flushBatch() throws InterruptedException {
        if (!batch.isEmpty()) {
            inFlight.acquire(); // fewer than two in flight
            sendBatch();
        }
    }

    /** Hands the batch being filled to a sender thread, a place in flight taken for it, and starts the next. */
    private void sendBatch() {
        List<EncodedBlock> batch = this.batch;
        List<byte[]> arrays = batchArrays;
        this.batch = new ArrayList<>();
        batchArrays = new ArrayList<>();
        batchBytes = 0;
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
