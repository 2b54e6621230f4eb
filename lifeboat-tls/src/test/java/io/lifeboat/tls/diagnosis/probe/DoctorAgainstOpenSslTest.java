package io.lifeboat.tls.diagnosis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.diagnosis.AnchorSource;
import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.Classifier;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Verdict;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: each doctor rule fires only on the evidence that proves its cause, against a real
 * {@code openssl s_server} on loopback.
 */
@Tag("integration")
class DoctorAgainstOpenSslTest {
    private static final HeldCertificate CA = new CertificateBuilder().commonName("Doctor Test CA").certificateAuthority(0).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void openssl() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "openssl"))) {
                return;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("openssl is not installed, but CI=true");
        }
        Assumptions.abort("openssl is not installed");
    }

    /** Probes an openssl s_server that uses {@code leaf} (signed by {@code issuer}) and {@code flags}. */
    private ConnectionEvidence probe(HeldCertificate leaf, HeldCertificate issuer, List<java.security.cert.X509Certificate> anchors,
            String... flags) throws Exception {
        leaf.writeTo(dir, "server");
        Pem.writeCertificates(dir.resolve("issuer.crt"), issuer.certificate());
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-www",
                "-quiet", "-cert", dir.resolve("server.crt").toString(), "-key", dir.resolve("server.key").toString(),
                "-cert_chain", dir.resolve("issuer.crt").toString()));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("s_server.log").toFile()).start();
        try {
            waitForPort(port, p);
            return ConnectionProbe.run(ProbeOptions.of("127.0.0.1", port).withTimeout(Duration.ofSeconds(5))
                    .withAnchors(anchors, AnchorSource.GIVEN_CA));
        } finally {
            p.destroy();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private void waitForPort(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("s_server exited: " + Files.readString(dir.resolve("s_server.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("s_server did not listen");
    }

    private static HeldCertificate leaf(HeldCertificate issuer) {
        return new CertificateBuilder().commonName("localhost").subjectAltName("127.0.0.1").serverAuth().signedBy(issuer).build();
    }

    private static CauseId cause(ConnectionEvidence e) {
        return Classifier.classify(e) instanceof Verdict.Diagnosed d ? d.diagnosis().cause() : null;
    }

    @Test
    void aTls13OnlyServerWithoutOurSuitesGetsTls13AdviceNotTls12() throws Exception {
        ConnectionEvidence e = probe(leaf(CA), CA, List.of(CA.certificate()), "-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_SHA256");
        assertThat(e.handshakeCompleted()).isFalse();
        var v = Classifier.classify(e);
        assertThat(cause(e)).as(String.valueOf(v)).isEqualTo(CauseId.NO_SHARED_CIPHER);
        var d = ((Verdict.Diagnosed) v).diagnosis();
        assertThat(d.evidence()).anyMatch(l -> l.contains("TLS_AES_128_CCM_SHA256 is not one of the TLS 1.3 suites"));
        assertThat(d.fix()).contains("TLS 1.3").doesNotContain("ECDHE").doesNotContain("SSL Cipher Suite Order");
    }

    @Test
    void aTls12ServerWithOnlyCbcSuitesIsNoSharedCipher() throws Exception {
        ConnectionEvidence e = probe(leaf(CA), CA, List.of(CA.certificate()), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
        assertThat(cause(e)).as(String.valueOf(Classifier.classify(e))).isEqualTo(CauseId.NO_SHARED_CIPHER);
    }

    @Test
    void anUnrelatedCaIsUntrustedNotAnInterceptingProxy() throws Exception {
        HeldCertificate unrelated = new CertificateBuilder().commonName("Unrelated CA").certificateAuthority(0).build();
        ConnectionEvidence e = probe(leaf(CA), CA, List.of(unrelated.certificate()));
        assertThat(cause(e)).as(String.valueOf(Classifier.classify(e))).isEqualTo(CauseId.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void anIssuerNamingAnInspectionProductIsTlsInspection() throws Exception {
        HeldCertificate proxy = new CertificateBuilder().commonName("Zscaler Intermediate Root CA").certificateAuthority(0).build();
        ConnectionEvidence e = probe(leaf(proxy), proxy, List.of(CA.certificate()));
        assertThat(cause(e)).as(String.valueOf(Classifier.classify(e))).isEqualTo(CauseId.TLS_INSPECTION_SUSPECTED);
    }
}
