package io.lifeboat.cli.doctor;

import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The test PKI of the doctor tests: one trusted CA, one foreign CA, and every bad server certificate. */
final class TestPki {
    final HeldCertificate ca = new CertificateBuilder().commonName("Lifeboat Test CA").certificateAuthority(0).build();
    final HeldCertificate foreignCa = new CertificateBuilder().commonName("Some Other CA").certificateAuthority(0).build();
    /** An inspecting proxy's CA names its product, as Zscaler's, Fortinet's and Netskope's do. */
    final HeldCertificate proxyCa = new CertificateBuilder().organization("Zscaler Inc.")
            .commonName("Zscaler Intermediate Root CA").certificateAuthority(0).build();

    HeldCertificate server() {
        return serverFor(ca).build();
    }

    HeldCertificate expiredServer() {
        Instant now = Instant.now();
        return serverFor(ca).validity(now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(3))).build();
    }

    HeldCertificate notYetValidServer() {
        Instant now = Instant.now();
        return serverFor(ca).validity(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(30))).build();
    }

    HeldCertificate wrongHostServer() {
        return new CertificateBuilder().commonName("vault.example.org").dnsName("vault.example.org").serverAuth()
                .signedBy(ca).build();
    }

    HeldCertificate foreignServer() {
        return serverFor(foreignCa).build();
    }

    HeldCertificate interceptedServer() {
        return serverFor(proxyCa).build();
    }

    HeldCertificate machine() {
        return new CertificateBuilder().commonName("web-01").clientAuth().signedBy(ca).build();
    }

    HeldCertificate expiredMachine() {
        Instant now = Instant.now();
        return new CertificateBuilder().commonName("web-01").clientAuth().signedBy(ca)
                .validity(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))).build();
    }

    private CertificateBuilder serverFor(HeldCertificate issuer) {
        return new CertificateBuilder().commonName("localhost").subjectAltName("127.0.0.1").dnsName("localhost")
                .serverAuth().signedBy(issuer);
    }

    Path writeCa(Path dir, HeldCertificate which, String name) throws IOException {
        Path f = dir.resolve(name);
        Pem.writeCertificates(f, which.certificate());
        return f;
    }

    /** An agent directory as `agent enroll` leaves it: ca.crt, machine.crt, machine.key. */
    Path agentDir(Path parent, HeldCertificate machine) throws IOException {
        Path a = Files.createDirectories(parent.resolve("agent"));
        Pem.writeCertificates(a.resolve("ca.crt"), ca.certificate());
        machine.writeTo(a, "machine");
        return a;
    }
}
