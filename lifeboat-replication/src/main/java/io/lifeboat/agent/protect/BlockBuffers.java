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
 * what is in flight at a time). It counts the arrays out at a time, so a pass can say (at DEBUG)
 * how much of {@link PipelineMemory}'s worst case it reached.
 *
 * <p>The free arrays outlive the pass when the {@link Protector} asks for them again ({@link
 * #nextPass}): a running agent's next pass takes the arrays its last one gave back instead of
 * making them anew. Made anew, each pass's arrays (128 MiB with the default windows) were copied by
 * the young collections into the old generation, where the last pass's dead ones had filled it:
 * a full collection in every later full pass (bench/agent_cpu.sh with RUNNING=1, docs/performance.md).
 */
final class BlockBuffers {
    private final int blockSize;
    private final ArrayBlockingQueue<byte[]> free;
    private final AtomicInteger out = new AtomicInteger();
    private final AtomicInteger mostOut = new AtomicInteger();
    private final AtomicInteger made = new AtomicInteger();

    BlockBuffers(int blockSize, int capacity) {
        this(blockSize, new ArrayBlockingQueue<>(capacity));
    }

    private BlockBuffers(int blockSize, ArrayBlockingQueue<byte[]> free) {
        this.blockSize = blockSize;
        this.free = free;
    }

    /**
     * The buffers of another pass: the arrays free now (and those this pass gives back later) with
     * counts of its own. An array this pass still holds is not handed out again until it is given back.
     */
    BlockBuffers nextPass() {
        return new BlockBuffers(blockSize, free);
    }

    /** Whether these buffers are of {@code blockSize} and keep {@code capacity} arrays. */
    boolean fits(int blockSize, int capacity) {
        return this.blockSize == blockSize && free.size() + free.remainingCapacity() == capacity;
    }

    /** An array of the block size, with whatever bytes it held before. */
    byte[] take() {
        mostOut.accumulateAndGet(out.incrementAndGet(), Math::max);
        byte[] b = free.poll();
        if (b == null) {
            made.incrementAndGet();
            b = new byte[blockSize];
        }
        return b;
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

    /** How many arrays this pass had to make, for want of a free one. */
    int made() {
        return made.get();
    }
}
