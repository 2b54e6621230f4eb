package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.Fingerprints;
import io.lifeboat.tls.pki.Pem;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/** Checks a certificate the vault returned and writes the machine's identity into the agent folder. */
final class IdentityFiles {
    private IdentityFiles() {
    }

    /**
     * @param reply the vault's JSON answer ({@code certificate}, {@code ca})
     * @param pin   the SHA-256 the CA must have
     */
    static X509Certificate store(AgentLayout layout, JsonObject reply, KeyPair keys, String pin, String machine) {
        try {
            X509Certificate cert = Pem.parseCertificates(reply.getString("certificate", ""), "the vault's answer").get(0);
            List<X509Certificate> cas = Pem.parseCertificates(reply.getString("ca", ""), "the vault's answer");
            X509Certificate ca = cas.get(0);
            if (!Fingerprints.sha256(ca).equals(pin)) {
                throw new LifeboatException(LifeboatException.Kind.IDENTITY_REJECTED,
                        "the vault returned a CA certificate that does not match the pinned hash " + pin);
            }
            if (!cert.getPublicKey().equals(keys.getPublic())) {
                throw new LifeboatException(LifeboatException.Kind.IDENTITY_REJECTED,
                        "the vault returned a certificate for another key");
            }
            cert.verify(ca.getPublicKey());
            Files.createDirectories(layout.dir());
            Pem.writePrivateKey(layout.machineKey(), keys.getPrivate());
            Pem.writeCertificates(layout.machineCertificate(), cert);
            Pem.writeCertificates(layout.caCertificate(), ca);
            return cert;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot store the machine identity in "
                    + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    static void requireNotSymlinked(AgentLayout layout) {
        if (Files.isSymbolicLink(layout.machineKey())) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, layout.machineKey()
                    + " is a symbolic link; refusing to write a private key through it");
        }
    }
}
