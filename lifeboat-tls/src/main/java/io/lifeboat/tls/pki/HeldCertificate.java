package io.lifeboat.tls.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/** A certificate together with its key pair: what a CA, a server or a machine holds. */
public record HeldCertificate(X509Certificate certificate, KeyPair keyPair) {

    /** The identity of the holder: the SHA-256 of the DER certificate, as lowercase hex. */
    public String sha256() {
        return Fingerprints.sha256(certificate);
    }

    /** Writes {@code name.crt} (PEM) and {@code name.key} (PKCS#8 PEM, mode 0600) into {@code dir}. */
    public void writeTo(Path dir, String name) throws IOException {
        Pem.writeCertificates(dir.resolve(name + ".crt"), certificate);
        Pem.writePrivateKey(dir.resolve(name + ".key"), keyPair.getPrivate());
    }

    public static HeldCertificate readFrom(Path dir, String name) throws IOException {
        X509Certificate cert = Pem.readCertificates(dir.resolve(name + ".crt")).get(0);
        return new HeldCertificate(cert, new KeyPair(cert.getPublicKey(), Pem.readPrivateKey(dir.resolve(name + ".key"))));
    }
}
