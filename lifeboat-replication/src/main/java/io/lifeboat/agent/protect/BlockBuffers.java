package io.lifeboat.agent.protect;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory outside the heap that protect passes read blocks into and send them from: slices
 * of {@link BlockGroupReader#SLICE} blocks (read with one positional read) and single blocks, handed
 * back and forth instead of allocated per read.
 *
 * <p>Why outside the heap, and held rather than copied: a block the vault lacks stays where it
 * was read until its batch was sent, and is gathered from there into the request body outside the
 * heap, the memory the TLS engine encrypts from. Before, every such block was also kept as a copy
 * in a pooled heap array: 128 MiB of the heap in a full pass, and 0.15 CPU s per GiB of collection
 * ({@code docs/performance.md}, "The agent's read-to-socket path"). A buffer is held by everyone
 * who still needs a block in it: the reader while it
 * names the slice's blocks, then each block handed on ({@link HeldBlock}) until the batch that
 * carries it was sent, or the vault was found to hold it. The last to let go puts the buffer
 * back in the pool; nothing may read a block after letting it go, since the buffer may be read into
 * again at once.
 *
 * <p>A slice from which few bytes go on (a small file of a tree, the short end of a file, a few
 * changed blocks among unchanged ones) would keep 16 blocks' memory for them: the reader copies
 * those into single-block buffers instead ({@link #copy}), so what is held stays within twice the
 * bytes in flight. Each pool keeps at most what {@code capacity} blocks fill (about what is in
 * flight at a time; slices twice that); the {@link Protector} keeps it from pass to pass. A block
 * that a failed pass never let go keeps its buffer out of the pool for good (to the collector),
 * so a buffer a failed request may still be read from is never read into again.
 */
final class BlockBuffers {
    private final int blockSize;
    private final Queue<Shared> slices;
    private final Queue<Shared> blocks;

    BlockBuffers(int blockSize, int capacity) {
        this.blockSize = blockSize;
        // twice: a slice stays held until its last block's batch was sent, so more slices than
        // `capacity` blocks fill are out at a time (a slice made and dropped again and again costs
        // its zeroing and, once enough were dropped, a full collection to free them)
        this.slices = new ArrayBlockingQueue<>(Math.max(1, 2 * capacity / BlockGroupReader.SLICE));
        this.blocks = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    /** A slice buffer (aligned, for O_DIRECT: {@link SourceChannel}) with whatever bytes it held, held once by the caller. */
    Shared slice() {
        Shared s = slices.poll();
        if (s == null) {
            s = new Shared(SourceChannel.alignedBuffer(BlockGroupReader.SLICE * blockSize), slices);
        }
        s.holds.set(1);
        return s;
    }

    /** A copy of {@code data[0, length)} (at most a block) in a single-block buffer of the pool. */
    HeldBlock copy(byte[] data, int length) {
        Shared b = blocks.poll();
        if (b == null) {
            b = new Shared(ByteBuffer.allocateDirect(blockSize), blocks);
        }
        b.holds.set(1); // the block's
        b.buffer.put(0, data, 0, length);
        return new HeldBlock(b.buffer.slice(0, length), b);
    }

    /**
     * A buffer and the count of those who still need bytes in it. It goes back to {@code home} when
     * the count falls to zero; a count below zero is a bug (a block let go twice) and fails loudly.
     */
    static final class Shared {
        private final ByteBuffer buffer;
        private final Queue<Shared> home;
        private final AtomicInteger holds = new AtomicInteger(1);

        private Shared(ByteBuffer buffer, Queue<Shared> home) {
            this.buffer = buffer;
            this.home = home;
        }

        ByteBuffer buffer() {
            return buffer;
        }

        /** A further hold on the buffer, for the block {@code [at, at + length)} of it. */
        HeldBlock hold(int at, int length) {
            holds.incrementAndGet();
            return new HeldBlock(buffer.slice(at, length), this);
        }

        void release() {
            int left = holds.decrementAndGet();
            if (left == 0) {
                buffer.clear();
                home.offer(this); // a full pool drops it, to the collector
            } else if (left < 0) {
                throw new IllegalStateException("a block buffer was let go more often than it was held");
            }
        }
    }
}
