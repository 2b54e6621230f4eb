package io.lifeboat.tls.diagnosis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.lifeboat.tls.diagnosis.AnchorSource;
import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.Classifier;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Verdict;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The probe against a real in-process HTTPS server (the JDK's), which sends a Date header. */
class ConnectionProbeTest {
    private final HeldCertificate ca = new CertificateBuilder().commonName("Probe Test CA").certificateAuthority(0).build();

    private HttpsServer serve(HeldCertificate server) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", server.keyPair().getPrivate(), new char[0],
                new Certificate[] {server.certificate(), ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/", ex -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        https.start();
        return https;
    }

    private ConnectionEvidence probe(HttpsServer https) {
        return ConnectionProbe.run(ProbeOptions.of("127.0.0.1", https.getAddress().getPort())
                .withTimeout(Duration.ofSeconds(5)).withAnchors(List.of(ca.certificate()), AnchorSource.GIVEN_CA));
    }

    @Test
    void aHealthyServerIsHealthyAndItsClockIsRead() throws Exception {
        HttpsServer https = serve(new CertificateBuilder().subjectAltName("127.0.0.1").serverAuth().signedBy(ca).build());
        try {
            ConnectionEvidence e = probe(https);
            assertThat(Classifier.classify(e)).isInstanceOf(Verdict.Healthy.class);
            assertThat(e.http().status()).isEqualTo(200);
            assertThat(e.serverClock()).isNotNull();
            assertThat(e.serverCertificate().trusted()).isTrue();
        } finally {
            https.stop(0);
        }
    }

    @Test
    void aNotYetValidCertificateGetsTheServersClockForTheSkewHint() throws Exception {
        Instant now = Instant.now();
        HttpsServer https = serve(new CertificateBuilder().subjectAltName("127.0.0.1").serverAuth().signedBy(ca)
                .validity(now.plus(Duration.ofHours(3)), now.plus(Duration.ofDays(3))).build());
        try {
            ConnectionEvidence e = probe(https);
            assertThat(e.serverCertificate().trusted()).isFalse();
            assertThat(e.serverClock()).as("read by the evidence-only request").isNotNull();
            var d = ((Verdict.Diagnosed) Classifier.classify(e)).diagnosis();
            assertThat(d.cause()).isEqualTo(CauseId.CERTIFICATE_NOT_YET_VALID);
            assertThat(d.evidence()).anyMatch(l -> l.contains("agrees with it within a minute"));
        } finally {
            https.stop(0);
        }
    }

    @Test
    void pinningByCaHashTrustsTheRightCaAndNothingElse() throws Exception {
        HttpsServer https = serve(new CertificateBuilder().subjectAltName("127.0.0.1").serverAuth().signedBy(ca).build());
        try {
            int port = https.getAddress().getPort();
            var pinned = ConnectionProbe.run(ProbeOptions.of("127.0.0.1", port).withTimeout(Duration.ofSeconds(5))
                    .withPinnedCa(ca.sha256()));
            assertThat(Classifier.classify(pinned)).isInstanceOf(Verdict.Healthy.class);
            var wrongPin = ConnectionProbe.run(ProbeOptions.of("127.0.0.1", port).withTimeout(Duration.ofSeconds(5))
                    .withPinnedCa("00".repeat(32)));
            var d = ((Verdict.Diagnosed) Classifier.classify(wrongPin)).diagnosis();
            // another CA than the pinned one, and nothing names a proxy: untrusted, not "a proxy intercepts"
            assertThat(d.cause()).isEqualTo(CauseId.UNTRUSTED_CERTIFICATE);
        } finally {
            https.stop(0);
        }
    }
}
