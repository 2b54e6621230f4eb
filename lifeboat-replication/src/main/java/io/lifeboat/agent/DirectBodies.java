package io.lifeboat.agent;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Request bodies gathered outside the heap, in buffers used again from request to request.
 *
 * <p>Why: the TLS engine (BoringSSL) encrypts from memory outside the heap. A body in a heap array
 * is copied there by netty on the event loop, 16 KiB at a time, after the agent has already copied
 * every block into that array; gathering the blocks straight into a buffer outside the heap is one
 * copy instead of two, done on the sending thread instead of the one event loop, and no 16 MiB array
 * is allocated, cleared and collected per batch. A buffer goes back to the pool only after a 2xx
 * answer (the vault reads a whole body before it answers so), never after a failure, when netty
 * might still be writing from it; such a buffer is left to the collector.
 *
 * <p>A buffer larger than {@link #LARGEST_KEPT} is not kept: a pool holds at most {@code kept} buffers
 * of a batch's size, whatever bodies went through it.
 */
final class DirectBodies {
    /** Buffers kept for the blocks' batches: two batches in flight and one being filled. */
    static final int BATCHES = 3;
    /** The largest buffer kept for use again: the largest batch an agent sends, with its headers, fits it. */
    static final int LARGEST_KEPT = io.lifeboat.replication.protocol.Limits.MAX_BATCH_BYTES / 2 + (1 << 20);
    /** The smallest buffer made, so that batches of slightly different sizes share buffers. */
    private static final int MIN_CAPACITY = 1 << 20;

    private final ArrayBlockingQueue<ByteBuffer> free;

    /** A pool that keeps up to {@code kept} buffers given back. */
    DirectBodies(int kept) {
        this.free = new ArrayBlockingQueue<>(kept);
    }

    /** A pool for the blocks' batches. */
    DirectBodies() {
        this(BATCHES);
    }

    /** The views' bytes, one after the other, in a buffer of the pool (flipped: ready to be read). */
    ByteBuffer gather(List<ByteBuffer> views) {
        long total = 0;
        for (ByteBuffer v : views) {
            total += v.remaining();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a request body of " + total + " bytes does not fit one buffer");
        }
        ByteBuffer out = take((int) total);
        for (ByteBuffer v : views) {
            out.put(v.duplicate());
        }
        return out.flip();
    }

    /** Hands a buffer back once the request that carried it was answered with success. */
    void give(ByteBuffer b) {
        if (b.capacity() <= LARGEST_KEPT) {
            free.offer(b.clear());
        }
    }

    private ByteBuffer take(int size) {
        ByteBuffer b;
        while ((b = free.poll()) != null) {
            if (b.capacity() >= size) {
                return b.clear();
            }
            // too small for this body: dropped, a bigger one takes its place below
        }
        return ByteBuffer.allocateDirect(Math.max(size, MIN_CAPACITY));
    }
}
