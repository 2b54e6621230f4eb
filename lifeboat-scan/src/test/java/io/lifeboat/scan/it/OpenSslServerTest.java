package io.lifeboat.scan.it;

import static io.lifeboat.tls.ProtocolVersion.TLS_1_0;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_1;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_2;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_3;

import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.pki.HeldCertificate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner against {@code openssl s_server} on loopback, one server shape per test. */
@Tag("integration")
class OpenSslServerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void tool() {
        Tools.require("openssl");
    }

    private TargetReport scan(HeldCertificate cert, String... flags) throws Exception {
        TestPki.Files f = TestPki.write(cert, dir, "server");
        int port = PeerProcess.freePort();
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-www",
                "-quiet", "-cert", f.leaf().toString(), "-key", f.key().toString()));
        if (cert != TestPki.SELF_SIGNED) {
            cmd.addAll(List.of("-cert_chain", f.ca().toString()));
        }
        cmd.addAll(List.of(flags));
        try (PeerProcess p = PeerProcess.start(cmd, port, dir)) {
            return Scans.scan(port);
        }
    }

    @Test
    void modernTls12And13WithEcdsaInServerOrder() throws Exception {
        String spec = "ECDHE+AESGCM:ECDHE+CHACHA20";
        String suites13 = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";
        TargetReport r = scan(TestPki.ECDSA, "-min_protocol", "TLSv1.2", "-serverpref", "-cipher", spec,
                "-ciphersuites", suites13);
        ReportAssert.that(r).acceptsExactly(TLS_1_2, TLS_1_3)
                .suitesInServerOrder(TLS_1_2, Expected.openssl("-tls1_2", spec, "EC"))
                .suitesInServerOrder(TLS_1_3, Expected.openssl13(suites13))
                .fallbackScsv(Verdict.SUPPORTED)
                .downgradeSentinel(Verdict.SUPPORTED)
                .renegotiation(Verdict.SUPPORTED)
                .certificate(true, false, false, true)
                .certificateKey("EC", 256)
                .compliant(true);
    }

    @Test
    void tls13OnlyWithRsaReadsTheChainWithOurCodec() throws Exception {
        String suites13 = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384";
        TargetReport r = scan(TestPki.RSA, "-tls1_3", "-ciphersuites", suites13);
        ReportAssert.that(r).acceptsExactly(TLS_1_3)
                .suites(TLS_1_3, Expected.openssl13(suites13))
                .fallbackScsv(Verdict.NOT_APPLICABLE)
                .downgradeSentinel(Verdict.NOT_APPLICABLE)
                .renegotiation(Verdict.NOT_APPLICABLE)
                .certificate(true, false, false, true)
                .certificateKey("RSA", 2048)
                .compliant(true);
        org.assertj.core.api.Assertions.assertThat(r.certificate().orElseThrow().source()).isEqualTo("tls13");
    }

    /** Issue 16: a suite the JDK lacks used to blind the certificate probe and leave the server COMPLIANT. */
    @Test
    void tls13OnlyWithCcm8TheJdkLacksIsReadAndNotCompliant() throws Exception {
        String suites13 = "TLS_AES_128_CCM_8_SHA256";
        TargetReport r = scan(TestPki.ECDSA, "-tls1_3", "-ciphersuites", suites13);
        ReportAssert.that(r).acceptsExactly(TLS_1_3)
                .suites(TLS_1_3, List.of("TLS_AES_128_CCM_8_SHA256"))
                .certificate(true, false, false, true)
                .compliant(false)
                .hasFinding("suite-not-allowed");
        org.assertj.core.api.Assertions.assertThat(r.certificate().orElseThrow().source()).isEqualTo("tls13");
        org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(io.lifeboat.scan.report.TargetStatus.NOT_COMPLIANT);
    }

    /** Each TLS 1.3 suite OpenSSL speaks, alone: our key schedule and record protection agree with it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_CCM_SHA256"})
    void tls13OnlyCertificateIsReadUnderEverySuite(String suite) throws Exception {
        TargetReport r = scan(TestPki.ECDSA, "-tls1_3", "-ciphersuites", suite);
        ReportAssert.that(r).acceptsExactly(TLS_1_3).suites(TLS_1_3, List.of(suite)).certificate(true, false, false, true);
        org.assertj.core.api.Assertions.assertThat(r.certificate().orElseThrow().source()).isEqualTo("tls13");
    }

    /** Issue 16: an 11-certificate chain is longer than the JDK client accepts (10); our codec reads it. */
    @Test
    void tls13OnlyWithAnElevenCertificateChainIsReadAndTrusted() throws Exception {
        HeldCertificate root = new io.lifeboat.tls.pki.CertificateBuilder().commonName("Long Chain Root")
                .certificateAuthority(20).build();
        List<HeldCertificate> intermediates = new ArrayList<>();
        HeldCertificate issuer = root;
        for (int i = 0; i < 9; i++) {
            issuer = new io.lifeboat.tls.pki.CertificateBuilder().commonName("Intermediate " + (i + 1))
                    .certificateAuthority(20).signedBy(issuer).build();
            intermediates.add(0, issuer);
        }
        HeldCertificate leaf = new io.lifeboat.tls.pki.CertificateBuilder().commonName("long.localhost")
                .dnsName(TestPki.HOST).ipAddress("127.0.0.1").serverAuth().signedBy(issuer).build();
        TestPki.Files f = TestPki.write(leaf, dir, "server");
        java.nio.file.Path rest = dir.resolve("chain.pem");
        List<java.security.cert.X509Certificate> sent = new ArrayList<>();
        intermediates.forEach(c -> sent.add(c.certificate()));
        sent.add(root.certificate());
        io.lifeboat.tls.pki.Pem.writeCertificates(rest, sent.toArray(new java.security.cert.X509Certificate[0]));
        int port = PeerProcess.freePort();
        List<String> cmd = List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-www", "-quiet",
                "-cert", f.leaf().toString(), "-key", f.key().toString(), "-cert_chain", rest.toString(), "-tls1_3");
        TargetReport r;
        try (PeerProcess p = PeerProcess.start(cmd, port, dir)) {
            r = Scans.scan(port, root.certificate());
        }
        ReportAssert.that(r).acceptsExactly(TLS_1_3).certificate(true, false, false, true).compliant(true);
        org.assertj.core.api.Assertions.assertThat(r.certificate().orElseThrow().chainLength()).isEqualTo(11);
        org.assertj.core.api.Assertions.assertThat(r.certificate().orElseThrow().source()).isEqualTo("tls13");
    }

    @Test
    void legacyTls10To12WithCbcAndRsaKeyExchange() throws Exception {
        String spec = "kRSA+AES:ECDHE+aRSA+AES:@SECLEVEL=0";
        TargetReport r = scan(TestPki.RSA, "-min_protocol", "TLSv1", "-no_tls1_3", "-serverpref", "-cipher", spec,
                "-legacy_renegotiation");
        ReportAssert.that(r).acceptsExactly(TLS_1_0, TLS_1_1, TLS_1_2)
                .suitesInServerOrder(TLS_1_2, Expected.openssl("-tls1_2", spec, "RSA"))
                .suitesInServerOrder(TLS_1_1, Expected.openssl("-tls1_1", spec, "RSA"))
                .suitesInServerOrder(TLS_1_0, Expected.openssl("-tls1", spec, "RSA"))
                .fallbackScsv(Verdict.SUPPORTED)
                .downgradeSentinel(Verdict.NOT_APPLICABLE)
                .certificate(true, false, false, true)
                .compliant(false)
                .hasFinding("protocol-not-allowed")
                .hasFinding("suite-not-allowed");
    }

    @Test
    void tls10OnlyWithClientOrder() throws Exception {
        String spec = "ECDHE+aECDSA+AES:@SECLEVEL=0";
        TargetReport r = scan(TestPki.ECDSA, "-tls1", "-cipher", spec);
        ReportAssert.that(r).acceptsExactly(TLS_1_0)
                .suites(TLS_1_0, Expected.openssl("-tls1", spec, "EC"))
                .order(TLS_1_0, io.lifeboat.scan.probe.SuiteOrder.CLIENT)
                .fallbackScsv(Verdict.NOT_APPLICABLE)
                .downgradeSentinel(Verdict.NOT_APPLICABLE)
                .compliant(false)
                .hasFinding("no-allowed-protocol");
    }

    @Test
    void expiredCertificate() throws Exception {
        String spec = "ECDHE+AESGCM";
        String suites13 = "TLS_AES_128_GCM_SHA256";
        TargetReport r = scan(TestPki.EXPIRED, "-min_protocol", "TLSv1.2", "-cipher", spec, "-ciphersuites", suites13);
        ReportAssert.that(r).acceptsExactly(TLS_1_2, TLS_1_3)
                .suites(TLS_1_2, Expected.openssl("-tls1_2", spec, "EC"))
                .suites(TLS_1_3, Expected.openssl13(suites13))
                .fallbackScsv(Verdict.SUPPORTED)
                .downgradeSentinel(Verdict.SUPPORTED)
                .certificate(false, true, false, true)
                .compliant(false)
                .hasFinding("certificate-expired");
    }
}
