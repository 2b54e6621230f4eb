package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.util.LinkedHashSet;
import java.util.Random;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client context built for BoringSSL encrypts a large write in few engine calls, and what it
 * sends is still ordinary TLS records that a server decrypts to the same bytes. Two channels in
 * memory, no socket: the test pumps the bytes between them.
 */
class WideWrapSslContextTest {
    private static final int BODY = 1 << 20;
    private static HeldCertificate ca;
    private static HeldCertificate server;

    @BeforeAll
    static void pki() throws Exception {
        Assumptions.assumeTrue(TlsEngine.BORINGSSL.available(), "BoringSSL is not available");
        ca = new CertificateBuilder().commonName("test CA").certificateAuthority(0).build();
        server = new CertificateBuilder().commonName("localhost").ipAddress("127.0.0.1").serverAuth().signedBy(ca)
                .build();
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
        Exchange x = exchange(plainClientContext());
        assertThat(x.received).isEqualTo(x.sent);
        assertThat(x.buffers).isGreaterThanOrEqualTo(BODY / (16 * 1024)); // what the wide wrap saves
    }

    private record Exchange(byte[] sent, byte[] received, int buffers) {
    }

    /** A handshake, then one write of {@link #BODY} random bytes from the client; counts the buffers it emits. */
    private static Exchange exchange(SslContext clientContext) throws Exception {
        SslContext serverContext = SslContextBuilder.forServer(server.keyPair().getPrivate(), server.certificate(),
                ca.certificate()).sslProvider(SslProvider.OPENSSL).build();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        EmbeddedChannel s = new EmbeddedChannel(serverContext.newHandler(ByteBufAllocator.DEFAULT),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf b = (ByteBuf) msg;
                        byte[] bytes = new byte[b.readableBytes()];
                        b.readBytes(bytes);
                        b.release();
                        received.writeBytes(bytes);
                    }
                });
        SslHandler clientHandler = clientContext.newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 443);
        EmbeddedChannel c = new EmbeddedChannel(clientHandler);
        for (int i = 0; i < 20 && !clientHandler.handshakeFuture().isDone(); i++) {
            pump(c, s);
            pump(s, c);
        }
        assertThat(clientHandler.handshakeFuture().isSuccess()).as("handshake").isTrue();
        pump(s, c); // the server's session tickets, if any

        byte[] sent = new byte[BODY];
        new Random(14).nextBytes(sent);
        ByteBuf body = Unpooled.directBuffer(BODY).writeBytes(sent); // the agent's bodies are direct buffers
        c.writeAndFlush(body);
        int buffers = pump(c, s);
        c.finishAndReleaseAll();
        s.finishAndReleaseAll();
        return new Exchange(sent, received.toByteArray(), buffers);
    }

    /** Moves what {@code from} wrote into {@code to}; returns how many buffers that was. */
    private static int pump(EmbeddedChannel from, EmbeddedChannel to) {
        int n = 0;
        for (Object o = from.readOutbound(); o != null; o = from.readOutbound()) {
            to.writeInbound(o);
            n++;
        }
        return n;
    }

    /** The client context exactly as Vert.x gets it from the policy's BoringSSL engine options. */
    private static SslContext policyClientContext() throws Exception {
        return new PolicySslContextFactory(SslProvider.OPENSSL, null, TlsRefusalListener.NONE, 0x0304)
                .forClient(true)
                .trustManagerFactory(trust())
                .enabledCipherSuites(new LinkedHashSet<>(TlsPolicy.TLS12_PLUS.cipherSuiteNames()))
                .create();
    }

    private static SslContext plainClientContext() throws Exception {
        return SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).trustManager(trust())
                .ciphers(TlsPolicy.TLS12_PLUS.cipherSuiteNames()).build();
    }

    private static TrustManagerFactory trust() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }
}
