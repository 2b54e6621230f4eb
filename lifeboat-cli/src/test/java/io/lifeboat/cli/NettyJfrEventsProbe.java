package io.lifeboat.cli;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;

/**
 * A child JVM for {@link NettyJfrEventsTest}: does what {@link Main#main} does first for the command
 * line it is given, then allocates from netty's adaptive allocator (as the TLS engine's output does in
 * a pass) and exits.
 */
public final class NettyJfrEventsProbe {
    private NettyJfrEventsProbe() {
    }

    public static void main(String[] args) {
        NettyJfrEvents.offUnlessServing(args);
        ByteBuf buf = new AdaptiveByteBufAllocator().directBuffer(64 * 1024);
        buf.writeLong(1);
        buf.release();
        System.out.println("probe: allocated, " + NettyJfrEvents.PROPERTY + "=" + System.getProperty(NettyJfrEvents.PROPERTY));
    }
}
