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
import io.netty.util.concurrent.ImmediateExecutor;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.util.LinkedHashSet;
import java.util.Random;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vault's BoringSSL handler decrypts all the TLS records one socket read brought in a single
 * pass and hands them on as few buffers, where a handler in JDK compatibility mode hands on one
 * buffer per 16 KiB record; the bytes are the same. Two channels in memory, no socket: the test
 * delivers 1 MiB of records to the server as one read, as a large socket read would.
 */
class ServerUnwrapTest {
    private static final int BODY = 1 << 20;
    private static final int RECORD = 16 * 1024;
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
    void theVaultsHandlerDecryptsARead64RecordsAtOnceToTheSameBytes() throws Exception {
        SslContext context = policyServerContext();
        assertThat(context).isInstanceOf(PeekingSslContext.class);
        Exchange x = exchange(context.newHandler(ByteBufAllocator.DEFAULT, ImmediateExecutor.INSTANCE));
        assertThat(x.received).isEqualTo(x.sent);
        assertThat(x.reads).isLessThanOrEqualTo(4);
    }

    @Test
    void aHandlerInJdkCompatibilityModeHandsOnOneBufferPerRecord() throws Exception {
        SslContext plain = SslContextBuilder.forServer(server.keyPair().getPrivate(), server.certificate(),
                ca.certificate()).sslProvider(SslProvider.OPENSSL).build();
        // what PeekingSslContext used before: an engine from newEngine, in JDK compatibility mode
        Exchange x = exchange(new SslHandler(plain.newEngine(ByteBufAllocator.DEFAULT), false,
                ImmediateExecutor.INSTANCE));
        assertThat(x.received).isEqualTo(x.sent);
        assertThat(x.reads).isGreaterThanOrEqualTo(BODY / RECORD); // what the native mode saves
    }

    private record Exchange(byte[] sent, byte[] received, int reads) {
    }

    /** A handshake, then {@link #BODY} random bytes from the client, delivered as one buffer of records. */
    private static Exchange exchange(SslHandler serverHandler) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int[] reads = {0};
        EmbeddedChannel s = new EmbeddedChannel(serverHandler, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf b = (ByteBuf) msg;
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                received.writeBytes(bytes);
                reads[0]++;
            }
        });
        SslContext clientContext = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).trustManager(trust())
                .ciphers(TlsPolicy.TLS12_PLUS.cipherSuiteNames()).build();
        SslHandler clientHandler = clientContext.newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 443);
        EmbeddedChannel c = new EmbeddedChannel(clientHandler);
        for (int i = 0; i < 20 && !clientHandler.handshakeFuture().isDone(); i++) {
            pump(c, s);
            pump(s, c);
        }
        assertThat(clientHandler.handshakeFuture().isSuccess()).as("handshake").isTrue();
        pump(c, s); // the client's Finished
        assertThat(serverHandler.handshakeFuture().isSuccess()).as("server handshake").isTrue();
        pump(s, c); // the server's session tickets, if any
        reads[0] = 0;

        byte[] sent = new byte[BODY];
        new Random(14).nextBytes(sent);
        c.writeAndFlush(Unpooled.wrappedBuffer(sent.clone()));
        ByteBuf records = Unpooled.buffer();
        for (Object o = c.readOutbound(); o != null; o = c.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            records.writeBytes(b);
            b.release();
        }
        assertThat(records.readableBytes()).as("1 MiB of TLS records").isGreaterThan(BODY);
        s.writeInbound(records);
        c.finishAndReleaseAll();
        s.finishAndReleaseAll();
        return new Exchange(sent, received.toByteArray(), reads[0]);
    }

    private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        for (Object o = from.readOutbound(); o != null; o = from.readOutbound()) {
            to.writeInbound(o);
        }
    }

    /** The server context exactly as Vert.x gets it from the policy's BoringSSL engine options. */
    private static SslContext policyServerContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", server.keyPair().getPrivate(), new char[0],
                new java.security.cert.Certificate[] {server.certificate(), ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        return new PolicySslContextFactory(SslProvider.OPENSSL, null, TlsRefusalListener.NONE, 0x0304)
                .forClient(false)
                .keyMananagerFactory(kmf)
                .enabledCipherSuites(new LinkedHashSet<>(TlsPolicy.TLS12_PLUS.cipherSuiteNames()))
                .create();
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
