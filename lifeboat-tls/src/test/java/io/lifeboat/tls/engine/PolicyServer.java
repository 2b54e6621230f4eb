package io.lifeboat.tls.engine;

import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A Vert.x HTTPS server on loopback built only through {@link VertxTls} (the code under test), with
 * a CA, a server certificate for 127.0.0.1 and a client certificate, all made in code. It answers
 * every request with the session's protocol and suite and whether a client certificate came.
 */
final class PolicyServer implements AutoCloseable {
    final TlsEngine engine;
    final HeldCertificate ca;
    final HeldCertificate server;
    final HeldCertificate client;
    final Path dir;
    final List<HandshakeRefusal> refusals = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final HttpServer http;

    PolicyServer(TlsEngine engine) throws Exception {
        this.engine = engine;
        this.ca = new CertificateBuilder().commonName("test CA").certificateAuthority(0).build();
        this.server = new CertificateBuilder().commonName("localhost").ipAddress("127.0.0.1").dnsName("localhost")
                .serverAuth().signedBy(ca).build();
        this.client = new CertificateBuilder().commonName("client1").clientAuth().signedBy(ca).build();
        this.dir = Files.createTempDirectory("lifeboat-policy-" + engine.id());
        server.writeTo(dir, "server");
        client.writeTo(dir, "client");
        Pem.writeCertificates(dir.resolve("ca.crt"), ca.certificate());
        this.vertx = Vertx.vertx();
        var options = VertxTls.serverOptions(TlsPolicy.TLS12_PLUS, engine,
                new PemKeyCertOptions().setCertValue(Buffer.buffer(Pem.toPem(server.certificate()) + Pem.toPem(ca.certificate())))
                        .setKeyValue(Buffer.buffer(Pem.toPem(server.keyPair().getPrivate()))),
                new PemTrustOptions().addCertValue(Buffer.buffer(Pem.toPem(ca.certificate()))), refusals::add)
                .setHost("127.0.0.1").setPort(0);
        this.http = vertx.createHttpServer(options).requestHandler(req -> {
            var s = req.connection().sslSession();
            boolean cert;
            try {
                cert = !req.connection().peerCertificates().isEmpty();
            } catch (SSLPeerUnverifiedException e) {
                cert = false;
            }
            req.response().end(new JsonObject().put("protocol", s.getProtocol()).put("cipherSuite", s.getCipherSuite())
                    .put("clientCertificate", cert).encode());
        }).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    int port() {
        return http.actualPort();
    }

    /** The refusals seen so far, waiting briefly for the handshake listener of the last connection. */
    List<HandshakeRefusal> refusalsAfter(int before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (refusals.size() <= before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return refusals.subList(before, refusals.size());
    }

    @Override
    public void close() throws Exception {
        try {
            http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // best effort
            }
            Files.deleteIfExists(dir);
        }
    }
}
