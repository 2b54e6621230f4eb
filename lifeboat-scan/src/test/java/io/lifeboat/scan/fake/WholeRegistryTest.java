package io.lifeboat.scan.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.report.Finding;
import io.lifeboat.scan.report.ProtocolResult;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.pki.CertificateBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Servers that accept only suites at the far corners of the IANA registry (GOST, ECDHE_PSK, the RFC 9150
 * integrity-only suites) are seen: the scanner offers every assigned suite, with the groups and signature
 * schemes they need. Scripted peers, because Debian's OpenSSL and GnuTLS speak none of them.
 */
class WholeRegistryTest {
    private static final List<byte[]> CHAIN;

    static {
        try {
            CHAIN = List.of(new CertificateBuilder().commonName("gost").dnsName("localhost").build().certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProtocolResult protocol(TargetReport r, ProtocolVersion v) {
        return r.protocol(v).orElseThrow();
    }

    @Test
    void aGostOnlyTls13ServerIsFoundAndNeverCompliant() throws Exception {
        TargetReport r = FakeServerProbeTest.scan(new FakeTls13(List.of(0xC103), List.of(NamedGroup.GC256A), CHAIN, false));
        assertThat(protocol(r, ProtocolVersion.TLS_1_3).accepted()).isTrue();
        assertThat(protocol(r, ProtocolVersion.TLS_1_3).cipherSuites())
                .containsExactly("TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L");
        assertThat(r.groups()).containsExactly("GC256A");
        // MGM has no implementation here, so the chain stays unread: INCOMPLETE on top of the suite FAIL.
        assertThat(r.findings()).extracting(Finding::id).contains("suite-not-allowed", "certificate-unread");
        assertThat(r.compliant()).isFalse();
    }

    @Test
    void aGostOnlyTls12ServerIsFound() throws Exception {
        int kuznyechik = CipherSuite.TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC.id();
        TargetReport r = FakeServerProbeTest.scan(new FakeTls(Set.of(0x0303), List.of(kuznyechik), false, true, false));
        assertThat(protocol(r, ProtocolVersion.TLS_1_2).cipherSuites())
                .containsExactly("TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC");
        assertThat(r.findings()).extracting(Finding::id).contains("suite-not-allowed");
    }

    @Test
    void theIntegrityOnlySuiteIsSeenAndRefusedByThePolicy() throws Exception {
        TargetReport r = FakeServerProbeTest.scan(new FakeTls13(List.of(0xC0B4, 0x1301), List.of(NamedGroup.X25519), CHAIN, false));
        assertThat(protocol(r, ProtocolVersion.TLS_1_3).cipherSuites())
                .containsExactly("TLS_SHA256_SHA256", "TLS_AES_128_GCM_SHA256");
        assertThat(r.findings()).anyMatch(f -> f.id().equals("suite-not-allowed") && f.message().contains("TLS_SHA256_SHA256"));
    }

    @Test
    void theEcdhePskSuitesAreOffered() throws Exception {
        int d001 = CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256.id();
        TargetReport r = FakeServerProbeTest.scan(new FakeTls(Set.of(0x0303), List.of(d001), false, true, false));
        assertThat(protocol(r, ProtocolVersion.TLS_1_2).cipherSuites()).containsExactly("TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256");
    }
}
