package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.TlsPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
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
        // 64 records of 16 KiB, handed out as 4 buffers of 16 records (and perhaps a stray remainder)
        assertThat(x.buffers).isBetween(BODY / WideWrapSslContext.WRAP_BYTES, BODY / WideWrapSslContext.WRAP_BYTES + 1);
    }

    @Test
    void withoutItTheSameWriteIsOneEngineCallPerRecord() throws Exception {
        Exchange x = exchange(tls.plainClientContext());
        assertThat(x.received).isEqualTo(x.sent);
        assertThat(x.buffers).isGreaterThanOrEqualTo(BODY / (16 * 1024)); // what the wide wrap saves
    }

    private record Exchange(byte[] sent, byte[] received, int buffers) {
    }

    /** A handshake, then one write of {@link #BODY} random bytes from the client; counts the buffers it emits. */
    private static Exchange exchange(SslContext clientContext) throws Exception {
        InMemoryTls.Received received = new InMemoryTls.Received();
        EmbeddedChannel s = InMemoryTls.server(tls.plainServerContext().newHandler(ByteBufAllocator.DEFAULT), received);
        SslHandler clientHandler = clientContext.newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 443);
        EmbeddedChannel c = new EmbeddedChannel(clientHandler);
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
