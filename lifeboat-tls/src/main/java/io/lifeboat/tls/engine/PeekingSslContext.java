package io.lifeboat.tls.engine;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;

/**
 * A server context whose handlers peek at the ClientHello and report failed handshakes with the
 * peer address and the versions offered (Vert.x has no public pipeline hook; its own
 * {@code VertxSslContext} wraps this one and still applies the enabled protocols and suites), and
 * that ends a refused handshake with a half-close rather than a reset ({@link RefusalLinger}).
 */
final class PeekingSslContext extends DelegatingSslContext {
    private final TlsRefusalListener listener;
    private final int newestVersion;

    PeekingSslContext(SslContext delegate, TlsRefusalListener listener, int newestVersion) {
        super(delegate);
        this.listener = listener;
        this.newestVersion = newestVersion;
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        // the policy's protocols and suites are applied by Vert.x's wrapper and the builder
    }

    /*
     * The engine is taken from the handler the delegate makes, not from newEngine: for BoringSSL,
     * newEngine gives an engine in JDK compatibility mode, with which SslHandler unwraps one TLS
     * record (16 KiB) per engine call and hands each on as a buffer of its own. Netty's own
     * handlers use the engine's native mode, which unwraps all the records a socket read brought in
     * one call: the same bytes and checks, a fraction of the per-record calls and buffers on the
     * vault's event loop (where every upload is decrypted). The JDK engine is the same either way.
     */
    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
        SSLEngine engine = super.newHandler(alloc, startTls, executor).engine();
        return new PeekingHandler(engine, startTls, executor, listener, newestVersion);
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, String host, int port, boolean startTls,
            Executor executor) {
        SSLEngine engine = super.newHandler(alloc, host, port, startTls, executor).engine();
        return new PeekingHandler(engine, startTls, executor, listener, newestVersion);
    }

    /** The SslHandler that installs the peek in front of itself and reports a failed handshake. */
    private static final class PeekingHandler extends SslHandler {
        private final TlsRefusalListener listener;
        private final int newestVersion;

        PeekingHandler(SSLEngine engine, boolean startTls, Executor executor, TlsRefusalListener listener,
                int newestVersion) {
            super(engine, startTls, executor);
            this.listener = listener;
            this.newestVersion = newestVersion;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
            ClientHelloPeek peek = new ClientHelloPeek(newestVersion);
            ctx.pipeline().addBefore(ctx.name(), "lifeboatClientHelloPeek", peek);
            RefusalLinger linger = new RefusalLinger(this);
            ctx.pipeline().addBefore("lifeboatClientHelloPeek", "lifeboatRefusalLinger", linger);
            String remote = String.valueOf(ctx.channel().remoteAddress());
            handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    ChannelHandlerContext peekCtx = ctx.pipeline().context(peek);
                    if (peekCtx != null) {
                        peek.remove(peekCtx);
                    }
                    ChannelHandlerContext lingerCtx = ctx.pipeline().context(linger);
                    if (lingerCtx != null) {
                        linger.remove(lingerCtx);
                    }
                } else if (peek.sawData()) {
                    listener.refused(new HandshakeRefusal(remote, peek.offered(),
                            peek.refusedHere() != null ? peek.refusedHere() : oneLine(f.cause()), peek.peerAlert()));
                }
            });
            super.handlerAdded(ctx);
        }

        private static String oneLine(Throwable t) {
            if (t == null) {
                return "unknown";
            }
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return m.replaceAll("\\s+", " ");
        }
    }
}
