package io.lifeboat.scan.it;

import static io.lifeboat.tls.ProtocolVersion.TLS_1_0;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_2;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_3;

import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.pki.HeldCertificate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against {@code gnutls-serv}. Expected suites come from {@code gnutls-cli -l --priority}
 * with the same priority string. (gnutls-serv has no bind-address option: it listens on every
 * interface for the few seconds a test runs; the scanner only ever connects to 127.0.0.1.)
 */
@Tag("integration")
class GnutlsServerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void tool() {
        Tools.require("gnutls-serv");
        Tools.require("gnutls-cli");
        Tools.require("openssl");
    }

    private TargetReport scan(HeldCertificate cert, String priority) throws Exception {
        TestPki.Files f = TestPki.write(cert, dir, "server");
        Path key = f.key();
        int port = PeerProcess.freePort();
        List<String> cmd = List.of("gnutls-serv", "--port", Integer.toString(port), "--echo", "-a",
                "--x509certfile", f.chain().toString(), "--x509keyfile", key.toString(), "--priority", priority);
        try (PeerProcess p = PeerProcess.start(cmd, port, dir)) {
            return Scans.scan(port);
        }
    }

    @Test
    void modernWithServerPrecedenceAndWrongHost() throws Exception {
        String priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:%SERVER_PRECEDENCE";
        TargetReport r = scan(TestPki.WRONG_HOST, priority);
        ReportAssert.that(r).acceptsExactly(TLS_1_2, TLS_1_3)
                .suitesInServerOrder(TLS_1_2, Expected.gnutls(priority, TLS_1_2, "EC"))
                .suitesInServerOrder(TLS_1_3, Expected.gnutls(priority, TLS_1_3, "EC"))
                .groups(Expected.gnutlsGroups(priority, false))
                .fallbackScsv(Verdict.SUPPORTED)
                .downgradeSentinel(Verdict.SUPPORTED)
                .certificate(true, false, false, false)
                .compliant(false)
                .hasFinding("hostname-mismatch");
    }

    @Test
    void tls10OnlyWithRsa() throws Exception {
        String priority = "NORMAL:-VERS-ALL:+VERS-TLS1.0:%SERVER_PRECEDENCE";
        TargetReport r = scan(TestPki.RSA, priority);
        ReportAssert.that(r).acceptsExactly(TLS_1_0)
                .suitesInServerOrder(TLS_1_0, Expected.gnutls(priority, TLS_1_0, "RSA"))
                .fallbackScsv(Verdict.NOT_APPLICABLE)
                .downgradeSentinel(Verdict.NOT_APPLICABLE)
                .certificate(true, false, false, true)
                .compliant(false)
                .hasFinding("protocol-not-allowed");
    }

    @Test
    void withoutSafeRenegotiation() throws Exception {
        String priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2:%DISABLE_SAFE_RENEGOTIATION";
        TargetReport r = scan(TestPki.ECDSA, priority);
        ReportAssert.that(r).acceptsExactly(TLS_1_2)
                .suites(TLS_1_2, Expected.gnutls(priority, TLS_1_2, "EC"))
                .groups(Expected.gnutlsGroups(priority, true)) // TLS 1.2 with an ECDSA P-256 certificate
                .renegotiation(Verdict.NOT_SUPPORTED)
                .compliant(false)
                .hasFinding("insecure-renegotiation");
    }
}
