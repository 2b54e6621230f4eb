package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.Fingerprints;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.TestVault;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalTest {
    @TempDir
    Path tmp;

    @Test
    void dueWhenLessThanAThirdOfTheLifetimeIsLeft() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        X509Certificate c = new CertificateBuilder().validity(from, from.plus(Duration.ofDays(30))).build().certificate();
        assertThat(CertificateRenewal.due(c, from.plus(Duration.ofDays(19)))).isFalse();
        assertThat(CertificateRenewal.due(c, from.plus(Duration.ofDays(21)))).isTrue();
        assertThat(CertificateRenewal.due(c, from.plus(Duration.ofDays(40)))).isTrue();
    }

    @Test
    @Tag("integration")
    void renewsOverMutualTlsWithANewKeyAndBothCertificatesWorkUntilTheOldExpires() throws Exception {
        try (TestVault v = new TestVault(tmp, TlsEngine.preferred())) {
            AgentLayout a = v.enrolled("web01");
            X509Certificate before = Pem.readCertificates(a.machineCertificate()).get(0);
            String keyBefore = java.nio.file.Files.readString(a.machineKey());
            assertThat(CertificateRenewal.renewIfDue(a, TlsEngine.preferred(), Clock.systemUTC())).isEmpty();

            X509Certificate after = CertificateRenewal.renew(a, TlsEngine.preferred());
            assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
            assertThat(after.getSubjectX500Principal()).isEqualTo(before.getSubjectX500Principal());
            assertThat(java.nio.file.Files.readString(a.machineKey())).isNotEqualTo(keyBefore);
            assertThat(Pem.readCertificates(a.machineCertificate()).get(0)).isEqualTo(after);
            var record = v.vault.machines().find("web01").orElseThrow();
            assertThat(record.holds(Fingerprints.sha256(before))).isTrue();
            assertThat(record.holds(Fingerprints.sha256(after))).isTrue();
            try (VaultClient c = VaultClient.open(a, TlsEngine.preferred())) {
                assertThat(c.health().getString("fingerprint")).isEqualTo(Fingerprints.sha256(after));
            }
            // a revoked machine cannot renew
            v.vault.revoke("web01");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CertificateRenewal.renew(a, TlsEngine.preferred()))
                    .hasMessageContaining("revoked");
        }
    }
}
