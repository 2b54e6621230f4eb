package io.lifeboat.scan.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.report.Finding;
import io.lifeboat.scan.report.Severity;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.scan.report.TargetStatus;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.wire.Tls13RecordCipher;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3-only servers whose certificate the JDK could not read (a suite it lacks, records that do not
 * open): the chain is read with our own codec, or the target is INCOMPLETE, never COMPLIANT.
 */
class Tls13CertificateTest {
    private static final HeldCertificate LEAF = new CertificateBuilder().commonName("fake13").dnsName("localhost").build();

    private static List<byte[]> chain() throws CertificateEncodingException {
        return List.of(LEAF.certificate().getEncoded());
    }

    @ParameterizedTest
    @EnumSource(Tls13RecordCipher.class)
    void everyRecordCipherWeImplementIsReadThroughTheEncryption(Tls13RecordCipher c) throws Exception {
        TargetReport r = FakeServerProbeTest.scan(new FakeTls13(List.of(c.suite()), List.of(NamedGroup.X25519), chain(), false));
        assertThat(r.protocol(ProtocolVersion.TLS_1_3).orElseThrow().accepted()).isTrue();
        assertThat(r.certificate()).as(r.attempts().toString()).isPresent();
        assertThat(r.certificate().orElseThrow().source()).isEqualTo("tls13");
        assertThat(r.certificate().orElseThrow().sha256()).isEqualTo(io.lifeboat.tls.pki.Fingerprints.sha256(LEAF.certificate()));
    }

    @Test
    void aHelloRetryRequestForAnotherGroupIsAnsweredOnANewConnection() throws Exception {
        TargetReport r = FakeServerProbeTest.scan(new FakeTls13(List.of(0x1301), List.of(NamedGroup.SECP384R1), chain(), false));
        assertThat(r.certificate()).as(r.attempts().toString()).isPresent();
        assertThat(r.groups()).containsExactly("secp384r1");
    }

    @Test
    void recordsThatDoNotOpenLeaveTheScanIncompleteNeverCompliant() throws Exception {
        TargetReport r = FakeServerProbeTest.scan(new FakeTls13(List.of(0x1301), List.of(NamedGroup.X25519), chain(), true));
        assertThat(r.certificate()).isEmpty();
        assertThat(r.findings()).extracting(Finding::id, Finding::severity)
                .contains(org.assertj.core.groups.Tuple.tuple("certificate-unread", Severity.INCOMPLETE));
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.FAIL);
        assertThat(r.status()).isEqualTo(TargetStatus.INCOMPLETE);
        assertThat(r.compliant()).isFalse();
        assertThat(r.attempts()).anyMatch(a -> a.probe().equals("certificate") && a.reason().equals("malformed")
                && a.detail().contains("does not authenticate"));
    }
}
