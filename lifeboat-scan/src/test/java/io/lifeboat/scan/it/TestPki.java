package io.lifeboat.scan.it;

import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.KeyPairs;
import io.lifeboat.tls.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The test PKI, built in code once per JVM: a CA and server certificates of each shape the matrix
 * uses. {@link #write} puts a leaf's chain and key as PEM files for openssl, nginx and gnutls.
 */
final class TestPki {
    static final String HOST = "localhost";

    static final HeldCertificate CA = new CertificateBuilder().commonName("Lifeboat Test CA")
            .certificateAuthority(0).validFor(Duration.ofDays(10)).build();
    static final HeldCertificate ECDSA = leaf("ecdsa").build();
    static final HeldCertificate RSA = leaf("rsa").keyPair(KeyPairs.rsa(2048)).build();
    static final HeldCertificate EXPIRED = leaf("expired")
            .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).build();
    static final HeldCertificate WRONG_HOST = new CertificateBuilder().commonName("elsewhere.example")
            .dnsName("elsewhere.example").serverAuth().signedBy(CA).build();
    static final HeldCertificate WRONG_HOST_RSA = new CertificateBuilder().commonName("elsewhere.example")
            .dnsName("elsewhere.example").keyPair(KeyPairs.rsa(2048)).serverAuth().signedBy(CA).build();
    static final HeldCertificate SELF_SIGNED = new CertificateBuilder().commonName(HOST).dnsName(HOST)
            .ipAddress("127.0.0.1").serverAuth().build();

    private TestPki() {
    }

    private static CertificateBuilder leaf(String cn) {
        return new CertificateBuilder().commonName(cn + "." + HOST).dnsName(HOST).ipAddress("127.0.0.1")
                .serverAuth().signedBy(CA);
    }

    /** PEM files of one server identity. */
    record Files(Path chain, Path leaf, Path ca, Path key) {
    }

    /** Writes NAME.crt (leaf, then the CA unless self-signed), NAME.leaf, ca.crt and NAME.key into dir. */
    static Files write(HeldCertificate leaf, Path dir, String name) throws IOException {
        Path crt = dir.resolve(name + ".crt");
        Path only = dir.resolve(name + ".leaf");
        Path ca = dir.resolve("ca.crt");
        Path key = dir.resolve(name + ".key");
        X509Certificate[] chain = leaf == SELF_SIGNED ? new X509Certificate[] {leaf.certificate()}
                : new X509Certificate[] {leaf.certificate(), CA.certificate()};
        Pem.writeCertificates(crt, chain);
        Pem.writeCertificates(only, leaf.certificate());
        Pem.writeCertificates(ca, CA.certificate());
        Pem.writePrivateKey(key, leaf.keyPair());
        return new Files(crt, only, ca, key);
    }
}
