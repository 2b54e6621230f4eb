package io.lifeboat.tls.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge explains chains built with the project's PKI (no trust-all anywhere). */
class ChainJudgeTest {
    private final HeldCertificate ca = new CertificateBuilder().commonName("Lifeboat CA").certificateAuthority(0).build();
    private final HeldCertificate other = new CertificateBuilder().commonName("Zscaler Root CA").certificateAuthority(0)
            .build();

    @Test
    void aGoodChainLeadsToItsCaAndNamesTheHost() {
        HeldCertificate leaf = new CertificateBuilder().dnsName("vault.example").subjectAltName("10.0.0.5")
                .serverAuth().signedBy(ca).build();
        var f = CertificateExplainer.judgeServer(List.of(leaf.certificate()), List.of(ca.certificate()), AnchorSource.VAULT_CA,
                "vault.example", Instant.now(), true, null);
        assertThat(f.chainsToAnchor()).isTrue();
        assertThat(f.hostnameMatches()).isTrue();
        assertThat(f.expired()).isFalse();
        assertThat(f.inspectionVendor()).isNull();
        assertThat(CertificateExplainer.hostnameMatches(leaf.certificate(), "10.0.0.5")).isTrue();
        assertThat(CertificateExplainer.hostnameMatches(leaf.certificate(), "10.0.0.6")).isFalse();
        assertThat(CertificateExplainer.hostnameMatches(leaf.certificate(), "other.example")).isFalse();
    }

    @Test
    void anotherCaIsSeenAndAnInspectionProductIsNamed() {
        HeldCertificate leaf = new CertificateBuilder().dnsName("vault.example").serverAuth().signedBy(other).build();
        var f = CertificateExplainer.judgeServer(List.of(leaf.certificate()), List.of(ca.certificate()), AnchorSource.VAULT_CA,
                "vault.example", Instant.now(), false, "PKIX path building failed");
        assertThat(f.chainsToAnchor()).isFalse();
        assertThat(f.selfSigned()).isFalse();
        assertThat(f.inspectionVendor()).contains("Zscaler");
    }

    @Test
    void validityIsJudgedAgainstTheGivenClock() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        HeldCertificate leaf = new CertificateBuilder().dnsName("vault.example").signedBy(ca)
                .validity(now.plus(Duration.ofHours(2)), now.plus(Duration.ofDays(3))).build();
        var f = CertificateExplainer.judgeServer(List.of(leaf.certificate()), List.of(ca.certificate()), AnchorSource.GIVEN_CA,
                "vault.example", now, false, "not yet valid");
        assertThat(f.notYetValid()).isTrue();
        assertThat(CertificateExplainer.judgeServer(List.of(leaf.certificate()), List.of(ca.certificate()),
                AnchorSource.GIVEN_CA, "vault.example", now.plus(Duration.ofDays(4)), false, "x").expired()).isTrue();
    }

    @Test
    void wildcardsMatchOneLabelOnly() {
        HeldCertificate wild = new CertificateBuilder().dnsName("*.example.org").signedBy(ca).build();
        assertThat(CertificateExplainer.hostnameMatches(wild.certificate(), "vault.example.org")).isTrue();
        assertThat(CertificateExplainer.hostnameMatches(wild.certificate(), "a.vault.example.org")).isFalse();
        assertThat(CertificateExplainer.hostnameMatches(wild.certificate(), "Vault.Example.org.")).isTrue();
    }

    /** Issue 16: one hostname rule (RFC 6125), the scanner's: the CN is never a fallback. */
    @Test
    void theCommonNameIsNotAFallback() {
        HeldCertificate cnOnly = new CertificateBuilder().commonName("vault.example").signedBy(ca).build();
        assertThat(CertificateExplainer.hostnameMatches(cnOnly.certificate(), "vault.example")).isFalse();
    }

    @Test
    void selfSignedIsRecognised() {
        HeldCertificate self = new CertificateBuilder().dnsName("vault.example").build();
        var f = CertificateExplainer.judgeServer(List.of(self.certificate()), List.of(ca.certificate()), AnchorSource.SYSTEM,
                "vault.example", Instant.now(), false, "PKIX");
        assertThat(f.selfSigned()).isTrue();
        assertThat(f.chainsToAnchor()).isFalse();
    }
}
