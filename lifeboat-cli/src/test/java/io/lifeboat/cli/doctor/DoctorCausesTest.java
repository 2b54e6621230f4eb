package io.lifeboat.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance 1: one test per cause id, each against a real misconfigured peer on loopback
 * (openssl s_server, or a Java listener that misbehaves), asserting the cause id `lifeboat doctor`
 * reports and its exit code. The vault-backed causes are in {@code DoctorVaultTest}.
 */
@Tag("integration")
class DoctorCausesTest {
    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();

    private Path ca() throws Exception {
        return pki.writeCa(dir, pki.ca, "ca.crt");
    }

    private static void assertCause(DoctorRun run, String cause) {
        assertThat(run.cause()).as(run.text()).isEqualTo(cause);
        assertThat(run.exitCode()).as(run.text()).isEqualTo(3);
        assertThat(run.report().get("evidence")).isNotEmpty();
        assertThat(run.report().get("fix").asText()).isNotBlank();
    }

    @Test
    void healthyServerExitsZero() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server())) {
            DoctorRun run = DoctorRun.run(dir, s.target(), "--ca", ca().toString());
            assertThat(run.exitCode()).as(run.text()).isZero();
            assertThat(run.report().get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void connectionRefused() throws Exception {
        int closed = OpenSslServer.freePort();
        assertCause(DoctorRun.run(dir, "127.0.0.1:" + closed), "CONNECTION_REFUSED");
    }

    @Test
    void timeoutWhenThePeerAcceptsAndNeverAnswers() throws Exception {
        try (JavaPeers.Silent peer = new JavaPeers.Silent()) {
            DoctorRun run = DoctorRun.run(dir, "127.0.0.1:" + peer.port(), "--timeout", "1s");
            assertCause(run, "TIMEOUT");
        }
    }

    @Test
    void notTlsWhenThePortSpeaksPlainHttp() throws Exception {
        HttpServer http = JavaPeers.plainHttp();
        try {
            DoctorRun run = DoctorRun.run(dir, "127.0.0.1:" + http.getAddress().getPort(), "--timeout", "2s");
            assertCause(run, "NOT_TLS");
            assertThat(run.text()).contains("HTTP/1.");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void serverLegacyTlsOnly() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server(), "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")) {
            DoctorRun run = DoctorRun.run(dir, s.target(), "--ca", ca().toString());
            assertCause(run, "SERVER_LEGACY_TLS_ONLY");
            assertThat(run.text()).contains("ServerHello TLSv1.1").contains("lifeboat readiness");
        }
    }

    @Test
    void serverLegacyTlsOnlyWithGnuTls() throws Exception {
        String gnutls = io.lifeboat.cli.testing.PeerTool.require("gnutls-serv").toString();
        // GnuTLS cannot read an EC PKCS#8 key without its public half (as Bouncy Castle writes it): use RSA.
        var server = new io.lifeboat.tls.pki.CertificateBuilder().commonName("localhost").subjectAltName("127.0.0.1")
                .serverAuth().keyPair(io.lifeboat.tls.pki.KeyPairs.rsa(2048)).signedBy(pki.ca).build();
        server.writeTo(dir, "g");
        int port = OpenSslServer.freePort();
        Process p = new ProcessBuilder(gnutls, "--http", "-p", String.valueOf(port), "--x509certfile",
                dir.resolve("g.crt").toString(), "--x509keyfile", dir.resolve("g.key").toString(),
                "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.0:+VERS-TLS1.1:%SERVER_PRECEDENCE")
                .redirectErrorStream(true).redirectOutput(dir.resolve("gnutls.log").toFile()).start();
        try {
            awaitListening(port, p, dir.resolve("gnutls.log"));
            DoctorRun run = DoctorRun.run(dir, "127.0.0.1:" + port, "--ca", ca().toString());
            assertCause(run, "SERVER_LEGACY_TLS_ONLY");
        } finally {
            p.destroy();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** A machine whose TLS stack has TLS 1.2 and 1.3 switched off (as an unpatched Windows host). */
    @Test
    void clientLegacyTlsOnlyWhenThisMachineCannotOfferTls12() throws Exception {
        Path security = dir.resolve("no-tls12.security");
        Files.writeString(security, "jdk.tls.disabledAlgorithms=SSLv3, TLSv1.3, TLSv1.2, RC4, NULL\n");
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server())) {
            var r = io.lifeboat.cli.testing.LifeboatProcess.run(
                    java.util.Map.of("JAVA_TOOL_OPTIONS", "-Djava.security.properties=" + security),
                    java.time.Duration.ofSeconds(60), "doctor", s.target(), "--ca", ca().toString(), "--json", "-");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            var report = io.lifeboat.cli.JsonOutput.MAPPER.readTree(r.stdout());
            assertThat(report.get("cause").asText()).as(r.stdout()).isEqualTo("CLIENT_LEGACY_TLS_ONLY");
            assertThat(report.get("fix").asText()).contains("lifeboat readiness");
        }
    }

    @Test
    void noSharedCipher() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA")) {
            DoctorRun run = DoctorRun.run(dir, s.target(), "--ca", ca().toString());
            assertCause(run, "NO_SHARED_CIPHER");
            assertThat(run.text()).contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
        }
    }

    @Test
    void untrustedCertificateFromAForeignCa() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.foreignServer())) {
            assertCause(DoctorRun.run(dir, s.target()), "UNTRUSTED_CERTIFICATE");
        }
    }

    @Test
    void untrustedSelfSignedCertificateAgainstAPinnedCa() throws Exception {
        var selfSigned = new io.lifeboat.tls.pki.CertificateBuilder().commonName("localhost")
                .subjectAltName("127.0.0.1").serverAuth().build();
        try (OpenSslServer s = OpenSslServer.start(dir, selfSigned)) {
            assertCause(DoctorRun.run(dir, s.target(), "--ca", ca().toString()), "UNTRUSTED_CERTIFICATE");
        }
    }

    /** Issue 16: another CA than the one given with --ca is not evidence of a proxy. */
    @Test
    void anUnrelatedCaGivenWithCaIsUntrustedNotInspection() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.foreignServer())) {
            assertCause(DoctorRun.run(dir, s.target(), "--ca", ca().toString()), "UNTRUSTED_CERTIFICATE");
        }
    }

    @Test
    void tlsInspectionSuspectedWhenTheIssuerNamesAnInspectionProduct() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.interceptedServer())) {
            DoctorRun run = DoctorRun.run(dir, s.target(), "--ca", ca().toString());
            assertCause(run, "TLS_INSPECTION_SUSPECTED");
            assertThat(run.text()).contains("Zscaler");
        }
    }

    @Test
    void certificateExpired() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.expiredServer())) {
            assertCause(DoctorRun.run(dir, s.target(), "--ca", ca().toString()), "CERTIFICATE_EXPIRED");
        }
    }

    @Test
    void certificateNotYetValidWithAClockHint() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.notYetValidServer())) {
            DoctorRun run = DoctorRun.run(dir, s.target(), "--ca", ca().toString());
            assertCause(run, "CERTIFICATE_NOT_YET_VALID");
            assertThat(run.text()).contains("clock");
        }
    }

    @Test
    void hostnameMismatch() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(dir, pki.wrongHostServer())) {
            DoctorRun run = DoctorRun.run(dir, s.target(), "--ca", ca().toString());
            assertCause(run, "HOSTNAME_MISMATCH");
            assertThat(run.text()).contains("vault.example.org");
        }
    }

    @Test
    void clientCertificateRequired() throws Exception {
        Path caFile = ca();
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server(), "-Verify", "1", "-verify_return_error", "-CAfile", caFile.toString())) {
            assertCause(DoctorRun.run(dir, s.target(), "--ca", caFile.toString()), "CLIENT_CERTIFICATE_REQUIRED");
        }
    }

    @Test
    void clientCertificateRequiredOverTls12() throws Exception {
        Path caFile = ca();
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server(), "-tls1_2", "-Verify", "1", "-verify_return_error", "-CAfile",
                caFile.toString())) {
            assertCause(DoctorRun.run(dir, s.target(), "--ca", caFile.toString()), "CLIENT_CERTIFICATE_REQUIRED");
        }
    }

    @Test
    void clientCertificateRejectedWhenFromAnotherCa() throws Exception {
        Path agent = pki.agentDir(dir, pki.machine());
        Path otherCa = pki.writeCa(dir, pki.foreignCa, "other-ca.crt");
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server(), "-Verify", "1", "-verify_return_error", "-CAfile", otherCa.toString())) {
            assertCause(DoctorRun.run(dir, s.target(), "--dir", agent.toString()), "CLIENT_CERTIFICATE_REJECTED");
        }
    }

    @Test
    void clientCertificateRejectedWhenExpired() throws Exception {
        Path agent = pki.agentDir(dir, pki.expiredMachine());
        try (OpenSslServer s = OpenSslServer.start(dir, pki.server(), "-Verify", "1", "-verify_return_error", "-CAfile",
                agent.resolve("ca.crt").toString())) {
            DoctorRun run = DoctorRun.run(dir, s.target(), "--dir", agent.toString());
            assertCause(run, "CLIENT_CERTIFICATE_REJECTED");
            assertThat(run.report().get("fix").asText()).contains("expired");
        }
    }

    @Test
    void connectionResetDuringHandshakeRanksTheLikelyCauses() throws Exception {
        try (JavaPeers.Resetting peer = new JavaPeers.Resetting()) {
            DoctorRun run = DoctorRun.run(dir, "127.0.0.1:" + peer.port(), "--timeout", "2s");
            assertCause(run, "CONNECTION_RESET_DURING_HANDSHAKE");
            assertThat(run.report().get("likelyCauses")).hasSizeGreaterThanOrEqualTo(3);
            assertThat(run.text()).contains("10054");
        }
    }

    @Test
    void agentDirectoryMustHoldTheVaultCa() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        int code = io.lifeboat.cli.Main.run("doctor", "127.0.0.1:1", "--dir", empty.toString());
        assertThat(code).isEqualTo(2);
    }

    @Test
    void aTargetWithoutPortIsAUsageError() {
        assertThat(io.lifeboat.cli.Main.run("doctor", "vault.example.org")).isEqualTo(2);
    }

    static void awaitListening(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("peer did not start listening on " + port + ": " + Files.readString(log));
    }
}
