package io.lifeboat.tls.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Arrays;
import java.util.Optional;

/**
 * An inbound handler placed just before the {@code SslHandler}: it copies the first TLS record as it
 * passes (never consuming or delaying it) and reads the offered versions from it; then it watches
 * the client's next records for a plaintext alert ({@link InboundAlertWatch}) and removes itself.
 * Bounded: one maximum-size record copied, at most 64 KiB watched.
 */
final class ClientHelloPeek extends ChannelInboundHandlerAdapter {
    private static final int MAX = ClientHelloParser.RECORD_HEADER + (1 << 14);
    /** A fatal inappropriate_fallback alert (RFC 7507 §3), in a TLS 1.2 record. */
    private static final byte[] INAPPROPRIATE_FALLBACK = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x56};

    private final int newestVersion;
    private volatile String refusedHere;

    private byte[] seen = new byte[512];
    private int length;
    private volatile OfferedVersions offered;
    private volatile boolean sawData;
    /** After the hello: the client's later records, for a plaintext alert (at most {@link #WATCH} bytes). */
    private InboundAlertWatch watch;
    private static final long WATCH = 1 << 16;


    /** @param newestVersion the wire id of the newest version the server enables */
    ClientHelloPeek(int newestVersion) {
        this.newestVersion = newestVersion;
    }

    /** Why this handler itself refused the hello, or null. */
    String refusedHere() {
        return refusedHere;
    }

    /** False for a connection that closed before sending a byte (a port probe). */
    boolean sawData() {
        return sawData;
    }

    Optional<OfferedVersions> offered() {
        return Optional.ofNullable(offered);
    }

    /** A fatal alert the client sent in the clear after its hello. */
    Optional<io.lifeboat.tls.diagnosis.TlsAlert> peerAlert() {
        return watch == null ? Optional.empty() : watch.alert();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (watch != null) {
            if (msg instanceof ByteBuf buf) {
                watch.feed(buf);
            }
            if (watch.done() || watch.watched() >= WATCH) {
                remove(ctx);
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof ByteBuf buf) {
            sawData |= buf.isReadable();
            copy(buf);
            int need = ClientHelloParser.recordLength(seen, length);
            if (need > 0 && (length >= need || length >= MAX)) {
                offered = ClientHelloParser.parse(seen, length).orElse(null);
                if (length >= need) {
                    watch = new InboundAlertWatch();
                    watch.feed(seen, need, length);
                }
                done(ctx);
                if (offered != null && offered.fallbackScsv() && offered.highestWireId() < newestVersion
                        && !offered.belowTls12()) {
                    // RFC 7507: the JDK engine does not check TLS_FALLBACK_SCSV; BoringSSL does the same
                    refusedHere = "inappropriate_fallback: TLS_FALLBACK_SCSV with " + offered.highestName()
                            + " while the server supports a newer version";
                    buf.release();
                    ctx.writeAndFlush(ctx.alloc().buffer(INAPPROPRIATE_FALLBACK.length).writeBytes(INAPPROPRIATE_FALLBACK))
                            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                    return;
                }
            } else if (length >= MAX) {
                done(ctx);
            }
        } else {
            done(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    private void copy(ByteBuf buf) {
        int n = Math.min(buf.readableBytes(), MAX - length);
        if (length + n > seen.length) {
            seen = Arrays.copyOf(seen, Math.min(MAX, Math.max(seen.length * 2, length + n)));
        }
        buf.getBytes(buf.readerIndex(), seen, length, n);
        length += n;
    }

    /** The hello is read: drop the copy, and leave unless the alert watch goes on. */
    private void done(ChannelHandlerContext ctx) {
        seen = null;
        length = 0;
        if (watch == null || watch.done()) {
            remove(ctx);
        }
    }

    /** Leaves the pipeline (also called once the handshake has succeeded: nothing more to watch). */
    void remove(ChannelHandlerContext ctx) {
        if (ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }
}
