package io.lifeboat.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.engine.PemIdentity;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.engine.TlsRefusalListener;
import io.lifeboat.tls.engine.VertxTls;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's {@link ConnectionGuard} on a real TLS server on loopback, set up as the vault's is
 * (a client certificate asked for, checked against the CA), with raw TLS sockets as clients so that
 * each test decides exactly which bytes are sent when: idle connections and slow request heads are
 * closed, a request under way is not, and each caller holds at most its share of connections.
 */
class ConnectionGuardTest {
    private static final Duration IDLE = Duration.ofMillis(800);
    /** Longer than the test that holds a request for three idle times, with nothing moving. */
    private static final Duration SILENT = Duration.ofSeconds(5);
    @TempDir
    static Path pki;
    private static HeldCertificate ca;
    private static HeldCertificate machine;
    private static HeldCertificate otherMachine;

    private Vertx vertx;
    private HttpServer server;
    private ConnectionGuard guard;
    private final Promise<Void> release = Promise.promise();
    private final List<SSLSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        ca = new CertificateBuilder().commonName("test vault CA").certificateAuthority(0).build();
        HeldCertificate server = new CertificateBuilder().commonName("localhost").ipAddress("127.0.0.1").serverAuth()
                .signedBy(ca).build();
        server.writeTo(pki, "server");
        io.lifeboat.tls.pki.Pem.writeCertificates(pki.resolve("ca.crt"), ca.certificate());
        machine = new CertificateBuilder().commonName("web01").clientAuth().signedBy(ca).build();
        otherMachine = new CertificateBuilder().commonName("web02").clientAuth().signedBy(ca).build();
    }

    private void start(ConnectionGuard.Limits limits) throws Exception {
        vertx = Vertx.vertx();
        guard = new ConnectionGuard(vertx, ca.certificate().getPublicKey(), limits);
        Router router = Router.router(vertx);
        router.route().handler(guard::track);
        router.get("/hold").handler(ctx -> release.future().onComplete(v -> ctx.response().end("held")));
        router.get("/fast").handler(ctx -> ctx.response().end("fast"));
        router.post("/body").handler(ctx -> ctx.request().body().onSuccess(b -> ctx.response().end(b.length() + " bytes")));
        var options = limits.applyTo(VertxTls.serverOptions(TlsPolicy.TLS12_PLUS, TlsEngine.JDK,
                PemIdentity.of(pki.resolve("server.crt"), pki.resolve("server.key")),
                new PemTrustOptions().addCertPath(pki.resolve("ca.crt").toString()), TlsRefusalListener.NONE));
        server = vertx.createHttpServer(options).connectionHandler(guard).requestHandler(router)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        release.tryComplete();
        for (SSLSocket s : sockets) {
            s.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedOnceIdle() throws Exception {
        start(new ConnectionGuard.Limits(8, 8, 8, IDLE, SILENT));
        SSLSocket s = connect("127.0.0.1", null);
        assertThat(TlsSockets.closedWithin(s, Duration.ofSeconds(5))).isTrue();
        awaitOpen(0);
    }

    @Test
    void aConnectionIsClosedOnceIdleAfterItsLastAnswer() throws Exception {
        start(new ConnectionGuard.Limits(8, 8, 8, IDLE, SILENT));
        SSLSocket s = connect("127.0.0.1", null);
        for (int i = 0; i < 3; i++) { // each answer starts the idle time again
            Thread.sleep(IDLE.toMillis() / 2);
            assertThat(TlsSockets.get(s, "/fast")).isEqualTo("fast");
        }
        assertThat(TlsSockets.closedWithin(s, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aRequestHeadSentByteByByteIsClosedBeforeItIsWhole() throws Exception {
        start(new ConnectionGuard.Limits(8, 8, 8, IDLE, SILENT));
        SSLSocket s = connect("127.0.0.1", null);
        byte[] head = "GET /fast HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        boolean cut = false;
        try {
            for (byte b : head) { // 50 ms a byte: the whole head would take several idle times
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                sent++;
                Thread.sleep(50);
            }
        } catch (IOException closedUnderUs) {
            cut = true;
        }
        assertThat(cut || TlsSockets.closedWithin(s, Duration.ofSeconds(5))).as("closed after " + sent + " bytes").isTrue();
        assertThat(sent).isLessThan(head.length);
    }

    @Test
    void aRequestUnderWayLongerThanTheIdleTimeIsAnswered() throws Exception {
        start(new ConnectionGuard.Limits(8, 8, 8, IDLE, SILENT));
        SSLSocket s = connect("127.0.0.1", null);
        TlsSockets.send(s, "/hold");
        Thread.sleep(IDLE.toMillis() * 3);
        release.complete();
        assertThat(TlsSockets.answer(s)).isEqualTo("held");
        assertThat(TlsSockets.get(s, "/fast")).isEqualTo("fast");
    }

    @Test
    void aBodyWhoseClientStopsSendingIsClosedOnceNothingMoves() throws Exception {
        start(new ConnectionGuard.Limits(8, 8, 8, Duration.ofMinutes(1), Duration.ofMillis(800)));
        SSLSocket s = connect("127.0.0.1", null);
        s.getOutputStream().write(("POST /body HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n"
                + "only ten b").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        assertThat(TlsSockets.closedWithin(s, Duration.ofSeconds(5))).as("a request under way, but nothing moves")
                .isTrue();

        SSLSocket whole = connect("127.0.0.1", null);
        whole.getOutputStream().write(("POST /body HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n"
                + "all ten by").getBytes(StandardCharsets.US_ASCII));
        assertThat(TlsSockets.answer(whole)).isEqualTo("10 bytes");
    }

    @Test
    void anAddressWithoutACertificateHoldsAtMostItsShare() throws Exception {
        start(new ConnectionGuard.Limits(8, 2, 8, Duration.ofMinutes(1), SILENT));
        SSLSocket a = connect("127.0.0.1", null);
        SSLSocket b = connect("127.0.0.1", null);
        assertThat(TlsSockets.get(a, "/fast")).isEqualTo("fast");
        assertThat(TlsSockets.get(b, "/fast")).isEqualTo("fast");
        SSLSocket third = connect("127.0.0.1", null);
        assertThat(TlsSockets.closedWithin(third, Duration.ofSeconds(5))).as("the third from one address").isTrue();
        SSLSocket elsewhere = connect("127.0.0.2", null);
        assertThat(TlsSockets.get(elsewhere, "/fast")).as("another address has its own share").isEqualTo("fast");
        SSLSocket asMachine = connect("127.0.0.1", machine);
        assertThat(TlsSockets.get(asMachine, "/fast")).as("a machine is not counted by its address").isEqualTo("fast");

        a.close();
        awaitOpen(3);
        SSLSocket again = connect("127.0.0.1", null);
        assertThat(TlsSockets.get(again, "/fast")).as("a share given back is taken again").isEqualTo("fast");
    }

    @Test
    void aMachineHoldsAtMostItsShareWhereverItConnectsFrom() throws Exception {
        start(new ConnectionGuard.Limits(2, 8, 8, Duration.ofMinutes(1), SILENT));
        SSLSocket a = connect("127.0.0.1", machine);
        SSLSocket b = connect("127.0.0.2", machine);
        assertThat(TlsSockets.get(a, "/fast")).isEqualTo("fast");
        assertThat(TlsSockets.get(b, "/fast")).isEqualTo("fast");
        assertThat(TlsSockets.closedWithin(connect("127.0.0.3", machine), Duration.ofSeconds(5))).isTrue();
        assertThat(TlsSockets.get(connect("127.0.0.1", otherMachine), "/fast")).isEqualTo("fast");
    }

    @Test
    void connectionsWithoutACertificateTogetherHoldAtMostTheirShare() throws Exception {
        start(new ConnectionGuard.Limits(8, 2, 3, Duration.ofMinutes(1), SILENT));
        for (String address : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
            assertThat(TlsSockets.get(connect(address, null), "/fast")).isEqualTo("fast");
        }
        assertThat(TlsSockets.closedWithin(connect("127.0.0.4", null), Duration.ofSeconds(5))).isTrue();
        assertThat(TlsSockets.get(connect("127.0.0.4", machine), "/fast")).as("machines keep their way in").isEqualTo("fast");
    }

    private SSLSocket connect(String localAddress, HeldCertificate client) throws Exception {
        SSLSocket s = TlsSockets.connect(localAddress, server.actualPort(), ca.certificate(), client);
        sockets.add(s);
        return s;
    }

    private void awaitOpen(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (guard.open() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(guard.open()).isEqualTo(n);
    }
}
