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
import io.netty.util.concurrent.ImmediateExecutor;
import java.security.KeyStore;
import java.util.LinkedHashSet;
import javax.net.ssl.KeyManagerFactory;
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
    private static InMemoryTls tls;

    @BeforeAll
    static void pki() throws Exception {
        tls = InMemoryTls.withBoringSsl();
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
        // what PeekingSslContext used before: an engine from newEngine, in JDK compatibility mode
        Exchange x = exchange(new SslHandler(tls.plainServerContext().newEngine(ByteBufAllocator.DEFAULT), false,
                ImmediateExecutor.INSTANCE));
        assertThat(x.received).isEqualTo(x.sent);
        assertThat(x.reads).isGreaterThanOrEqualTo(BODY / RECORD); // what the native mode saves
    }

    private record Exchange(byte[] sent, byte[] received, int reads) {
    }

    /** A handshake, then {@link #BODY} random bytes from the client, delivered as one buffer of records. */
    private static Exchange exchange(SslHandler serverHandler) throws Exception {
        InMemoryTls.Received received = new InMemoryTls.Received();
        EmbeddedChannel s = InMemoryTls.server(serverHandler, received);
        SslHandler clientHandler = tls.plainClientContext().newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 443);
        EmbeddedChannel c = new EmbeddedChannel(clientHandler);
        InMemoryTls.handshake(c, clientHandler, s);
        assertThat(serverHandler.handshakeFuture().isSuccess()).as("server handshake").isTrue();
        received.reads = 0;

        byte[] sent = InMemoryTls.body(BODY);
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
        return new Exchange(sent, received.bytes.toByteArray(), received.reads);
    }

    /** The server context exactly as Vert.x gets it from the policy's BoringSSL engine options. */
    private static SslContext policyServerContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", tls.server.keyPair().getPrivate(), new char[0],
                new java.security.cert.Certificate[] {tls.server.certificate(), tls.ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        return new PolicySslContextFactory(SslProvider.OPENSSL, null, TlsRefusalListener.NONE, 0x0304)
                .forClient(false)
                .keyMananagerFactory(kmf)
                .enabledCipherSuites(new LinkedHashSet<>(TlsPolicy.TLS12_PLUS.cipherSuiteNames()))
                .create();
    }
}
