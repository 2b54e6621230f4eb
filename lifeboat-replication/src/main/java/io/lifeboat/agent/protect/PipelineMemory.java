package io.lifeboat.agent.protect;

/**
 * The most heap a protect pass's pipeline can hold in block data, and the options that keep that
 * within a share of the JVM's heap.
 *
 * <p>Why: every stage of the pipeline is bounded, but the bounds add up. When the vault answers
 * slower than the agent reads (a busy vault, a slow link, a loaded machine), every stage fills:
 * the window the reader is filling, the windows queued for the uploader, the one the uploader is
 * asking about and sealing, the batch it is filling, the batches in flight, and the reader's two
 * groups (the one being handed over and the one read ahead). With the default window (1,024 blocks
 * of 32 KiB) and batches (16 MiB) that is up to 192 MiB, more than the whole heap of a JVM with
 * {@code -Xmx192m}, the default on a machine of 768 MiB: such an agent ran out of heap in a full
 * pass whenever its vault fell behind, and completed when it did not (`bench/small_memory.sh`
 * pauses the vault to show it). An agent runs on the machine it protects, often a small one, so the
 * pass sizes its windows and batches to the heap it has instead.
 *
 * <p>What is not counted here: a tree's look-ahead (small files read ahead of the walk, at most
 * {@code TreeWalk}'s 16 MiB per folder), the records and the manifest, which grow with the source
 * rather than with the pipeline.
 */
final class PipelineMemory {
    /** The share of the heap the pipeline may fill; the rest is the client, the records, the manifest. */
    static final double HEAP_SHARE = 0.5;
    /** Groups held by the reader at once: the one handed over to the sink and the one read ahead. */
    static final int GROUPS_HELD = 2;
    /** Windows held at once: the one being filled, and those handed over (queued, asked about, being sealed). */
    static final int WINDOWS_HELD = 1 + Uploader.WINDOWS_HANDED_OVER;
    /** Batches held at once: those in flight and the one being filled (compressed bodies are new arrays). */
    static final int BATCHES_HELD = Uploader.IN_FLIGHT + 1;
    /** The smallest window and batch {@link #fit} goes down to: below them, per-request costs dominate. */
    static final int MIN_WINDOW_BLOCKS = 64;
    static final int MIN_BATCH_BYTES = 1 << 20;

    private PipelineMemory() {
    }

    /** The most bytes of block data the pipeline holds at once with {@code options}. */
    static long worstCaseBytes(ProtectOptions options) {
        long blocks = (long) WINDOWS_HELD * options.windowBlocks() + (long) GROUPS_HELD * BlockGroupReader.GROUP;
        return blocks * options.blockSize() + (long) BATCHES_HELD * options.batchBytes();
    }

    /**
     * {@code options} with its window and batch halved, together, until the worst case fits in
     * {@link #HEAP_SHARE} of {@code maxHeap} (or both are at their smallest); unchanged when it fits.
     * Never larger than asked for.
     */
    static ProtectOptions fit(ProtectOptions options, long maxHeap) {
        long budget = (long) (maxHeap * HEAP_SHARE);
        ProtectOptions o = options;
        while (worstCaseBytes(o) > budget
                && (o.windowBlocks() > MIN_WINDOW_BLOCKS || o.batchBytes() > Math.max(MIN_BATCH_BYTES, o.blockSize()))) {
            int window = Math.max(Math.min(MIN_WINDOW_BLOCKS, o.windowBlocks()), o.windowBlocks() / 2);
            int batch = Math.max(Math.min(Math.max(MIN_BATCH_BYTES, o.blockSize()), o.batchBytes()), o.batchBytes() / 2);
            o = o.withPipeline(window, batch);
        }
        return o;
    }
}
