package io.lifeboat.restore;

import io.lifeboat.repository.backend.DirectIo;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The aligned buffers outside the heap that a failover reads each group of blocks into and writes
 * it from ({@link FileWriter}). A group's blocks are laid out in its buffer as they lie in the target
 * file, so a run of them is written with {@code O_DIRECT} straight from there ({@link
 * DirectTarget#writeInPlace}): each raw block is copied once, from the range its pack was read into,
 * on the thread that read and hashed it (issue 14, session 12; before, twice: into the heap on the
 * reading thread, then into a write buffer on the writing one).
 *
 * <p>A buffer goes back to the pool only once every run of its group is written ({@link #give});
 * a group read ahead holds its own. A buffer whose read failed is never given back (a range of it
 * may still be landing), it is left to the collector. At most {@link #KEPT} free buffers are kept,
 * so a failover holds about (read-ahead + 2) groups' worth of memory outside the heap.
 */
final class GroupBuffers {
    /** Room for a whole group, its offset within the first aligned block, and the last block's padding. */
    static final int SIZE = (int) FileWriter.GROUP_BYTES + 2 * DirectIo.ALIGN;
    /** Free buffers kept: one per read-ahead thread, the one being written, and one spare. */
    static final int KEPT = FileWriter.READ_AHEAD + 2;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    /** Buffers allocated by this pool (for tests: a pool that recycles allocates few). */
    private int allocated;

    /**
     * A buffer of at least {@code bytes}, its address aligned, its position 0 and its limit its
     * capacity. Its contents are whatever the last group left: the caller writes every byte it uses.
     */
    ByteBuffer take(int bytes) {
        if (bytes > SIZE) {
            return fresh(bytes); // a group of one huge block: its own buffer, not kept afterwards
        }
        synchronized (free) {
            ByteBuffer b = free.poll();
            if (b != null) {
                return b.clear();
            }
        }
        return fresh(SIZE);
    }

    /** Returns a buffer once nothing of it is still to be written. */
    void give(ByteBuffer b) {
        if (b.capacity() != SIZE) {
            return;
        }
        synchronized (free) {
            if (free.size() < KEPT) {
                free.push(b);
            }
        }
    }

    synchronized int allocated() {
        return allocated;
    }

    private ByteBuffer fresh(int bytes) {
        synchronized (this) {
            allocated++;
        }
        ByteBuffer b = DirectIo.alignedBuffer(bytes);
        return b.limit(b.capacity());
    }
}
