package io.lifeboat.tls.engine;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;

/**
 * A BoringSSL client context whose handlers encrypt several TLS records per engine call into one
 * buffer ({@link #wrapBytes}), instead of one 16 KiB record per call.
 *
 * <p>Why: an agent sends its blocks in bodies of ~16 MiB, a thousand records each. Netty's
 * {@code SslHandler} takes 16 KiB at a time by default, and for each record it makes a promise,
 * slices the queue, allocates an output buffer, crosses into BoringSSL twice and queues one more
 * buffer for the socket. With BoringSSL (not the JDK engine, which writes one record per call) the
 * handler can hand it a larger slice: the records are the same (BoringSSL still cuts at 16 KiB), the
 * per-call work is paid once per several records. Nothing else changes: the policy's versions, suites and
 * groups are the delegate's, and Vert.x's own wrapper still applies them to each engine.
 *
 * <p>Why the slice depends on the heap: each call's output buffer comes from netty's adaptive
 * allocator, which in a JVM of at most 512 MiB of heap ({@code -Xmx192m} is the default on a
 * machine of 768 MiB) pools only buffers up to 64 KiB and makes every larger one as a fresh direct
 * buffer, zeroed and freed one by one. A 256 KiB slice's buffer is larger, so such an agent paid
 * 0.3-0.4 CPU s more per GiB sent (docs/performance.md, "An agent with a small heap: its TLS output
 * pooled again"). There the slice is three records, whose buffer (48 KiB and the records'
 * overhead) netty pools.
 */
final class WideWrapSslContext extends DelegatingSslContext {
    /** Plaintext per engine call: 16 records of 16 KiB. */
    static final int WRAP_BYTES = 16 * 16 * 1024;
    /** Plaintext per engine call in a small heap: 3 records, an output buffer netty's small-heap allocator pools. */
    static final int SMALL_HEAP_WRAP_BYTES = 3 * 16 * 1024;
    /** Netty's adaptive allocator pools only buffers up to 64 KiB with at most this heap ({@code IS_LOW_MEM}). */
    static final long NETTY_LOW_MEMORY_HEAP = 512L * 1024 * 1024;

    private final int wrapBytes;

    WideWrapSslContext(SslContext delegate) {
        this(delegate, Runtime.getRuntime().maxMemory());
    }

    WideWrapSslContext(SslContext delegate, long maxHeap) {
        super(delegate);
        this.wrapBytes = wrapBytes(maxHeap);
    }

    /** The plaintext handed to each engine call in a JVM whose most heap is {@code maxHeap}. */
    static int wrapBytes(long maxHeap) {
        return maxHeap <= NETTY_LOW_MEMORY_HEAP ? SMALL_HEAP_WRAP_BYTES : WRAP_BYTES;
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        // the policy's protocols and suites are applied by the builder and Vert.x's wrapper
    }

    @Override
    protected void initHandler(SslHandler handler) {
        super.initHandler(handler);
        handler.setWrapDataSize(wrapBytes);
    }
}
