package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.util.Random;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A TLS client and server as two netty channels in memory that a test joins by hand, for tests of
 * what a TLS handler does to the bytes and how it cuts them (no socket, no event loop): a CA and a
 * server certificate made in code, BoringSSL's plain contexts to compare with, the handshake, and a
 * receiver that keeps what the server's handler hands on.
 */
final class InMemoryTls {
    final HeldCertificate ca;
    final HeldCertificate server;

    private InMemoryTls(HeldCertificate ca, HeldCertificate server) {
        this.ca = ca;
        this.server = server;
    }

    /** The certificates, or the test skipped where BoringSSL cannot load. */
    static InMemoryTls withBoringSsl() throws Exception {
        Assumptions.assumeTrue(TlsEngine.BORINGSSL.available(), "BoringSSL is not available");
        HeldCertificate ca = new CertificateBuilder().commonName("test CA").certificateAuthority(0).build();
        HeldCertificate server = new CertificateBuilder().commonName("localhost").ipAddress("127.0.0.1").serverAuth()
                .signedBy(ca).build();
        return new InMemoryTls(ca, server);
    }

    /** Trusts the test CA. */
    TrustManagerFactory trust() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    /** BoringSSL's server context as netty builds it, none of our own wrapping. */
    SslContext plainServerContext() throws Exception {
        return SslContextBuilder.forServer(server.keyPair().getPrivate(), server.certificate(), ca.certificate())
                .sslProvider(SslProvider.OPENSSL).build();
    }

    /** BoringSSL's client context as netty builds it with the policy's suites, none of our own wrapping. */
    SslContext plainClientContext() throws Exception {
        return SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).trustManager(trust())
                .ciphers(TlsPolicy.TLS12_PLUS.cipherSuiteNames()).build();
    }

    /** Keeps the plaintext a server's TLS handler hands on, and how many buffers it came in. */
    static final class Received extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int reads;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            byte[] piece = new byte[b.readableBytes()];
            b.readBytes(piece);
            b.release();
            bytes.writeBytes(piece);
            reads++;
        }
    }

    /** A server channel: {@code tls}, then {@code received}. */
    static EmbeddedChannel server(ChannelHandler tls, Received received) {
        return new EmbeddedChannel(tls, received);
    }

    /**
     * Runs the handshake between {@code client} (whose TLS handler is {@code clientHandler}) and
     * {@code server}, then passes the client's Finished and the server's session tickets along, so
     * that what either writes next is application data.
     */
    static void handshake(EmbeddedChannel client, SslHandler clientHandler, EmbeddedChannel server) {
        for (int i = 0; i < 20 && !clientHandler.handshakeFuture().isDone(); i++) {
            pump(client, server);
            pump(server, client);
        }
        assertThat(clientHandler.handshakeFuture().isSuccess()).as("client handshake").isTrue();
        pump(client, server);
        pump(server, client);
    }

    /** Moves what {@code from} wrote into {@code to}; returns how many buffers that was. */
    static int pump(EmbeddedChannel from, EmbeddedChannel to) {
        int n = 0;
        for (Object o = from.readOutbound(); o != null; o = from.readOutbound()) {
            to.writeInbound(o);
            n++;
        }
        return n;
    }

    /** {@code size} random bytes, the same every run. */
    static byte[] body(int size) {
        byte[] b = new byte[size];
        new Random(14).nextBytes(b);
        return b;
    }
}
