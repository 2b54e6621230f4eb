package io.lifeboat.agent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Request bodies made of views, with every part outside the heap: the parts that already lie there
 * (the agent's raw blocks, where it read them) as they are, the parts in the heap (a block batch's
 * headers, compressed blocks, any array body) copied into a buffer of a pool, used again from
 * request to request.
 *
 * <p>Why: the TLS engine (BoringSSL) encrypts from memory outside the heap, and netty's {@code
 * SslHandler} copies a whole record's worth of a body into a new buffer outside the heap whenever
 * any part of it lies in the heap. With every part outside, netty hands the parts to the engine as
 * they lie: a raw block goes from the read to the socket without a copy in Java, and only the small
 * parts are copied, on the sending thread instead of the one event loop. A pooled buffer goes back
 * only once the write of the body ended ({@link #give}), when netty no longer reads it.
 */
final class DirectBodies {
    /** Buffers kept: two batches in flight and one being filled. */
    private static final int KEPT = 3;
    /** The smallest buffer made, so that batches of slightly different sizes share buffers. */
    private static final int MIN_CAPACITY = 1 << 20;

    private final ArrayBlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(KEPT);

    /**
     * A body: the views, in order, each outside the heap; {@code pooled} holds the heap views' bytes
     * (null when there were none), to {@link #give} back once the body was written.
     */
    record Gathered(List<ByteBuffer> views, ByteBuffer pooled) {
        /** Bytes of the body. */
        long length() {
            long n = 0;
            for (ByteBuffer v : views) {
                n += v.remaining();
            }
            return n;
        }
    }

    /**
     * The views' bytes, in order, outside the heap: each view outside the heap as it is (a view of
     * it, so its position is left alone, for a retry), each run of views in the heap copied into one
     * part of a pooled buffer.
     */
    Gathered gather(List<ByteBuffer> views) {
        long inHeap = 0;
        for (ByteBuffer v : views) {
            inHeap += v.isDirect() ? 0 : v.remaining();
        }
        if (inHeap > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a request body of " + inHeap + " bytes in the heap does not fit one buffer");
        }
        ByteBuffer pooled = inHeap == 0 ? null : take((int) inHeap);
        List<ByteBuffer> out = new ArrayList<>(views.size());
        int runStart = 0;
        for (ByteBuffer v : views) {
            if (v.isDirect()) {
                runStart = endRun(pooled, runStart, out);
                out.add(v.slice());
            } else {
                pooled.put(v.duplicate());
            }
        }
        endRun(pooled, runStart, out);
        return new Gathered(out, pooled);
    }

    /** Adds the heap bytes copied since {@code runStart} as one view; returns where the next run starts. */
    private static int endRun(ByteBuffer pooled, int runStart, List<ByteBuffer> out) {
        if (pooled != null && pooled.position() > runStart) {
            out.add(pooled.slice(runStart, pooled.position() - runStart));
        }
        return pooled == null ? 0 : pooled.position();
    }

    /** Hands a body's pooled buffer back once netty no longer reads it (its write ended). */
    void give(Gathered body) {
        if (body.pooled() != null) {
            free.offer(body.pooled().clear());
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
