package io.lifeboat.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {
    @TempDir
    Path dir;

    @Test
    void caIssuesServerCertificateWithSans() throws Exception {
        HeldCertificate ca = new CertificateBuilder().commonName("Lifeboat CA").certificateAuthority(0).build();
        HeldCertificate server = new CertificateBuilder().commonName("vault").subjectAltName("vault.example")
                .subjectAltName("127.0.0.1").serverAuth().signedBy(ca).build();
        X509Certificate c = server.certificate();
        c.verify(ca.certificate().getPublicKey());
        assertThat(c.getSubjectAlternativeNames().stream().map(l -> (Object) l.get(1)).toList())
                .containsExactly("vault.example", "127.0.0.1");
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(ca.certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void csrProvesPossessionAndCarriesTheName() throws Exception {
        KeyPair machineKeys = KeyPairs.ecP256();
        var csr = Csr.create(machineKeys, "web-01");
        var parsed = Pem.parseCsr(Pem.toPem(csr), "test");
        assertThat(Csr.commonName(parsed)).isEqualTo("web-01");
        assertThat(Csr.verifiedPublicKey(parsed)).isEqualTo(machineKeys.getPublic());
        HeldCertificate ca = new CertificateBuilder().certificateAuthority(0).build();
        X509Certificate issued = new CertificateBuilder().commonName("web-01").clientAuth()
                .subjectPublicKey(Csr.verifiedPublicKey(parsed)).signedBy(ca).validFor(Duration.ofDays(30))
                .buildCertificate();
        issued.verify(ca.certificate().getPublicKey());
        assertThat(issued.getPublicKey()).isEqualTo(machineKeys.getPublic());
    }

    @Test
    void aCsrSignedByAnotherKeyIsRefused() throws Exception {
        var csr = Csr.create(KeyPairs.ecP256(), "x");
        byte[] der = csr.getEncoded();
        der[der.length - 5] ^= 1; // damage the signature
        var damaged = new org.bouncycastle.pkcs.PKCS10CertificationRequest(der);
        assertThatThrownBy(() -> Csr.verifiedPublicKey(damaged)).hasMessageContaining("request");
    }

    @Test
    void privateKeysAreWrittenOwnerOnlyAndReadBack() throws Exception {
        HeldCertificate held = new CertificateBuilder().commonName("m").build();
        held.writeTo(dir, "machine");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("machine.key"))))
                .isEqualTo("rw-------");
        HeldCertificate back = HeldCertificate.readFrom(dir, "machine");
        assertThat(back.certificate()).isEqualTo(held.certificate());
        assertThat(back.keyPair().getPrivate().getEncoded()).isEqualTo(held.keyPair().getPrivate().getEncoded());
        assertThat(back.sha256()).hasSize(64).isEqualTo(held.sha256());
    }

    @Test
    void badVariantsForTests() throws Exception {
        Instant now = Instant.now();
        HeldCertificate expired = new CertificateBuilder().validity(now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(1))).build();
        assertThatThrownBy(() -> expired.certificate().checkValidity())
                .isInstanceOf(java.security.cert.CertificateExpiredException.class);
        HeldCertificate rsa = new CertificateBuilder().keyPair(KeyPairs.rsa(1024)).signatureAlgorithm("SHA1withRSA")
                .build();
        assertThat(rsa.certificate().getSigAlgName()).isEqualToIgnoringCase("SHA1withRSA");
        assertThat(Pem.parseCertificates(Pem.toPem(rsa.certificate()), "t")).isEqualTo(List.of(rsa.certificate()));
    }
}
