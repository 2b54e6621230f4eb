package io.lifeboat.tls.engine;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;

/**
 * A BoringSSL client context whose handlers encrypt up to {@link #WRAP_BYTES} of plaintext per
 * engine call, several TLS records into one buffer, instead of one 16 KiB record per call.
 *
 * <p>Why: an agent sends its blocks in bodies of ~16 MiB, a thousand records each. Netty's
 * {@code SslHandler} takes 16 KiB at a time by default, and for each record it makes a promise,
 * slices the queue, allocates an output buffer, crosses into BoringSSL twice and queues one more
 * buffer for the socket. With BoringSSL (not the JDK engine, which writes one record per call) the
 * handler can hand it a larger slice: the records are the same (BoringSSL still cuts at 16 KiB), the
 * per-call work is paid once per 16 records. Nothing else changes: the policy's versions, suites and
 * groups are the delegate's, and Vert.x's own wrapper still applies them to each engine.
 */
final class WideWrapSslContext extends DelegatingSslContext {
    /** Plaintext per engine call: 16 records of 16 KiB. */
    static final int WRAP_BYTES = 16 * 16 * 1024;

    WideWrapSslContext(SslContext delegate) {
        super(delegate);
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        // the policy's protocols and suites are applied by the builder and Vert.x's wrapper
    }

    @Override
    protected void initHandler(SslHandler handler) {
        super.initHandler(handler);
        handler.setWrapDataSize(WRAP_BYTES);
    }
}
