package io.lifeboat.scan.it;

import static io.lifeboat.tls.ProtocolVersion.TLS_1_2;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_3;

import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scanner against the JDK's own TLS server. SunJSSE answers a fallback hello carrying
 * TLS_FALLBACK_SCSV with a ServerHello (it does not implement RFC 7507 on the server side), which
 * makes it the matrix's server without fallback-SCSV support; it does send the downgrade sentinel.
 */
@Tag("integration")
class JsseServerTest {

    private static List<String> at(List<String> enabled, ProtocolVersion v, String key) {
        List<String> usable = enabled.stream()
                .filter(n -> CipherSuite.fromName(n).map(s -> s.usableWith(v)).orElse(false)).toList();
        return Expected.forKey(usable, key, v == TLS_1_3);
    }

    @Test
    void tls12And13WithoutFallbackScsv() throws Exception {
        List<String> suites = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        try (JsseServer s = new JsseServer(TestPki.ECDSA, List.of("TLSv1.3", "TLSv1.2"), suites)) {
            TargetReport r = Scans.scan(s.port());
            ReportAssert.that(r).acceptsExactly(TLS_1_2, TLS_1_3)
                    .suitesInServerOrder(TLS_1_2, at(s.enabledSuites(), TLS_1_2, "EC"))
                    .suitesInServerOrder(TLS_1_3, at(s.enabledSuites(), TLS_1_3, "EC"))
                    .fallbackScsv(Verdict.NOT_SUPPORTED)
                    .downgradeSentinel(Verdict.SUPPORTED)
                    .renegotiation(Verdict.SUPPORTED)
                    .certificate(true, false, false, true)
                    .compliant(false)
                    .hasFinding("fallback-scsv-missing");
        }
    }

    @Test
    void tls12OnlyWithRsaAndWrongHost() throws Exception {
        List<String> suites = List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_RSA_WITH_AES_128_GCM_SHA256");
        try (JsseServer s = new JsseServer(TestPki.WRONG_HOST_RSA, List.of("TLSv1.2"), suites)) {
            TargetReport r = Scans.scan(s.port());
            ReportAssert.that(r).acceptsExactly(TLS_1_2)
                    .suitesInServerOrder(TLS_1_2, at(s.enabledSuites(), TLS_1_2, "RSA"))
                    .fallbackScsv(Verdict.NOT_APPLICABLE)
                    .downgradeSentinel(Verdict.NOT_APPLICABLE)
                    .certificate(true, false, false, false)
                    .compliant(false)
                    .hasFinding("hostname-mismatch")
                    .hasFinding("suite-not-allowed");
        }
    }
}
