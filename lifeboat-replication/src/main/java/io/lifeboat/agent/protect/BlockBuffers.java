package io.lifeboat.agent.protect;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The block-sized arrays of one protect pass, handed back and forth instead of allocated per block.
 *
 * <p>Why: a new 32 KiB array per block meant clearing it, growing the heap into fresh pages and
 * collecting it again: about 2 s of CPU per GiB in the profiles, an eighth of a cold agent's work.
 * The reader {@link #take}s an array for each block; whoever is last to need it {@link #give}s it
 * back: the reader for an all-zero block, the uploader for a block the vault already holds or once
 * the batch that carried it has been answered. An array handed back may be taken again at once, so
 * nothing may read it after giving it back. The pool keeps at most {@code capacity} arrays (about
 * what is in flight at a time) and goes away with the pass. It counts the arrays out at a time, so a
 * pass can say (at DEBUG) how much of {@link PipelineMemory}'s worst case it reached.
 */
final class BlockBuffers {
    private final int blockSize;
    private final ArrayBlockingQueue<byte[]> free;
    private final AtomicInteger out = new AtomicInteger();
    private final AtomicInteger mostOut = new AtomicInteger();

    BlockBuffers(int blockSize, int capacity) {
        this.blockSize = blockSize;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** An array of the block size, with whatever bytes it held before. */
    byte[] take() {
        mostOut.accumulateAndGet(out.incrementAndGet(), Math::max);
        byte[] b = free.poll();
        return b != null ? b : new byte[blockSize];
    }

    /** Hands an array back; one of another size (a copied short block) is simply dropped. */
    void give(byte[] b) {
        if (b != null && b.length == blockSize) {
            out.decrementAndGet();
            free.offer(b);
        }
    }

    /** The most arrays taken and not yet given back at any one time in this pass. */
    int mostOut() {
        return mostOut.get();
    }
}
