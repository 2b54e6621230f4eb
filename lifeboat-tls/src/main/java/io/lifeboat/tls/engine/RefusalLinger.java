package io.lifeboat.tls.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Placed before the server's {@code SslHandler} until its handshake succeeds. After a failed
 * handshake the close that follows the alert becomes a half-close: the alert goes out with a FIN,
 * and what the client still sends is read and dropped until it closes its side, for at most
 * {@link #LINGER_MILLIS} and {@link #LIMIT} bytes; then the connection closes.
 *
 * <p>Why: a TLS 1.3 client's handshake is done on its side before the server has checked its
 * certificate, and an agent sends its request at once. A server that closed with those bytes unread
 * made the kernel send a reset; a client whose next write met the reset closed without reading the
 * alert waiting for it, and an agent whose certificate the vault refused said "vault unreachable".
 * Nothing read here reaches the TLS engine or the application: the connection serves nothing.
 */
final class RefusalLinger extends ChannelDuplexHandler {
    /**
     * What a refused client may still send: one whole request, the largest body the vault takes (32 MiB,
     * an agent's batch) and its head, so that an agent whose first request is an upload still reads the
     * alert (with 256 KiB, an agent sending 1 MiB met the reset 5 times in 20). Read and dropped, never
     * decrypted: a few milliseconds of the event loop at most.
     */
    static final long LIMIT = 33L << 20;
    /**
     * How long a refused client has to read the alert and close. A client that does not close is
     * cut off then; it holds a connection no longer than a slow handshake could (netty's 10 s).
     */
    static final long LINGER_MILLIS = 2_000;

    private final SslHandler ssl;
    private boolean lingering;
    private boolean closed;
    private long dropped;
    private ScheduledFuture<?> timer;

    RefusalLinger(SslHandler ssl) {
        this.ssl = ssl;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering) {
            whenClosed(ctx, promise); // the close under way ends it
            return;
        }
        boolean refused = ssl.handshakeFuture().isDone() && !ssl.handshakeFuture().isSuccess();
        if (!refused || closed || !ctx.channel().isActive() || !(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        whenClosed(ctx, promise);
        // the FIN after the alert, once it is written: netty's shutdownOutput drops what is not yet written
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!written.isSuccess()) {
                finish(ctx);
                return;
            }
            duplex.shutdownOutput().addListener(f -> {
                if (!f.isSuccess()) {
                    finish(ctx);
                }
            });
        });
        timer = ctx.executor().schedule(() -> finish(ctx), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!lingering) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof ByteBuf b) {
            dropped += b.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (dropped > LIMIT) {
            finish(ctx);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (lingering) {
            finish(ctx); // the client reset or went away: nothing more to wait for, nothing to report
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        super.channelInactive(ctx);
    }

    /** Leaves the pipeline once the handshake has succeeded: a connection that serves closes as before. */
    void remove(ChannelHandlerContext ctx) {
        if (ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }

    private void finish(ChannelHandlerContext ctx) {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.close();
    }

    private static void whenClosed(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!promise.isVoid()) {
            ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
        }
    }
}
