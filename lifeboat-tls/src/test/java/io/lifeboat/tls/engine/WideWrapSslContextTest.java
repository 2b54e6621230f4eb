package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.TlsPolicy;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.util.LinkedHashSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client context built for BoringSSL encrypts a large write in few engine calls, and what it
 * sends is still ordinary TLS records that a server decrypts to the same bytes. Two channels in
 * memory, no socket: the test pumps the bytes between them.
 */
class WideWrapSslContextTest {
    private static final int BODY = 1 << 20;
    private static InMemoryTls tls;

    @BeforeAll
    static void pki() throws Exception {
        tls = InMemoryTls.withBoringSsl();
    }

    @Test
    void aLargeWriteIsEncryptedSixteenRecordsAtATimeAndDecryptsToTheSameBytes() throws Exception {
        SslContext client = policyClientContext();
        assertThat(client).isInstanceOf(WideWrapSslContext.class);
        Exchange x = exchange(client);
        assertThat(x.received).isEqualTo(x.sent);
        // 64 records of 16 KiB, handed out as 4 buffers of 16 records (and perhaps a stray remainder), 22 of 3 in a small heap
        int wrap = WideWrapSslContext.wrapBytes(Runtime.getRuntime().maxMemory());
        assertThat(x.buffers).isBetween(BODY / wrap, BODY / wrap + 1);
    }

    @Test
    void inASmallHeapEachEngineCallsOutputFitsTheBuffersNettyPoolsThere() throws Exception {
        RecordingAllocator alloc = new RecordingAllocator();
        Exchange x = exchange(new WideWrapSslContext(tls.plainClientContext(), 192L << 20), alloc);
        assertThat(x.received).isEqualTo(x.sent);
        // netty's adaptive allocator, in a heap of at most 512 MiB, pools up to 64 KiB and makes anything larger anew
        assertThat(alloc.largestDirect).isGreaterThan(32 * 1024).isLessThanOrEqualTo(NETTY_SMALL_HEAP_POOLED);
        assertThat(x.buffers).isBetween(BODY / WideWrapSslContext.SMALL_HEAP_WRAP_BYTES,
                BODY / WideWrapSslContext.SMALL_HEAP_WRAP_BYTES + 1);
    }

    @Test
    void aLargerHeapKeepsSixteenRecordsPerCall() throws Exception {
        RecordingAllocator alloc = new RecordingAllocator();
        Exchange x = exchange(new WideWrapSslContext(tls.plainClientContext(), 1L << 30), alloc);
        assertThat(x.received).isEqualTo(x.sent);
        assertThat(alloc.largestDirect).isGreaterThan(WideWrapSslContext.WRAP_BYTES);
        assertThat(x.buffers).isBetween(BODY / WideWrapSslContext.WRAP_BYTES, BODY / WideWrapSslContext.WRAP_BYTES + 1);
    }

    @Test
    void withoutItTheSameWriteIsOneEngineCallPerRecord() throws Exception {
        Exchange x = exchange(tls.plainClientContext());
        assertThat(x.received).isEqualTo(x.sent);
        assertThat(x.buffers).isGreaterThanOrEqualTo(BODY / (16 * 1024)); // what the wide wrap saves
    }

    /** The largest buffer netty's adaptive allocator pools in a heap of at most 512 MiB (its largest size class). */
    private static final int NETTY_SMALL_HEAP_POOLED = 64 * 1024;

    /** Netty's unpooled allocator, noting the largest direct buffer asked of it (the TLS handler's output). */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        int largestDirect;

        RecordingAllocator() {
            super(true);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            largestDirect = Math.max(largestDirect, initialCapacity);
            return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    private record Exchange(byte[] sent, byte[] received, int buffers) {
    }

    /** A handshake, then one write of {@link #BODY} random bytes from the client; counts the buffers it emits. */
    private static Exchange exchange(SslContext clientContext) throws Exception {
        return exchange(clientContext, ByteBufAllocator.DEFAULT);
    }

    /** As above, the client channel's buffers made by {@code clientAlloc}. */
    private static Exchange exchange(SslContext clientContext, ByteBufAllocator clientAlloc) throws Exception {
        InMemoryTls.Received received = new InMemoryTls.Received();
        EmbeddedChannel s = InMemoryTls.server(tls.plainServerContext().newHandler(ByteBufAllocator.DEFAULT), received);
        SslHandler clientHandler = clientContext.newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 443);
        EmbeddedChannel c = new EmbeddedChannel(clientHandler);
        c.config().setAllocator(clientAlloc);
        InMemoryTls.handshake(c, clientHandler, s);

        byte[] sent = InMemoryTls.body(BODY);
        ByteBuf body = Unpooled.directBuffer(BODY).writeBytes(sent); // the agent's bodies are direct buffers
        c.writeAndFlush(body);
        int buffers = InMemoryTls.pump(c, s);
        c.finishAndReleaseAll();
        s.finishAndReleaseAll();
        return new Exchange(sent, received.bytes.toByteArray(), buffers);
    }

    /** The client context exactly as Vert.x gets it from the policy's BoringSSL engine options. */
    private static SslContext policyClientContext() throws Exception {
        return new PolicySslContextFactory(SslProvider.OPENSSL, null, TlsRefusalListener.NONE, 0x0304)
                .forClient(true)
                .trustManagerFactory(tls.trust())
                .enabledCipherSuites(new LinkedHashSet<>(TlsPolicy.TLS12_PLUS.cipherSuiteNames()))
                .create();
    }
}
