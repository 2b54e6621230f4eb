package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.Csr;
import io.lifeboat.tls.pki.Fingerprints;
import io.lifeboat.tls.pki.KeyPairs;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.tls.engine.TlsEngine;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Renews the machine certificate over mutual TLS before it expires: a new key pair made here, a CSR
 * sent with the current certificate, the new certificate and key written atomically.
 *
 * <p>Due when less than a third of the certificate's lifetime is left (10 days of the default 30).
 */
public final class CertificateRenewal {
    private CertificateRenewal() {
    }

    public static boolean due(X509Certificate cert, Instant now) {
        Instant from = cert.getNotBefore().toInstant();
        Instant until = cert.getNotAfter().toInstant();
        Duration third = Duration.between(from, until).dividedBy(3);
        return !now.isBefore(until.minus(third));
    }

    /** Renews when {@link #due}; returns the new certificate, or empty when none was needed. */
    public static Optional<X509Certificate> renewIfDue(AgentLayout layout, TlsEngine engine, Clock clock) {
        if (!due(current(layout), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(renew(layout, engine));
    }

    /** Renews now. */
    public static X509Certificate renew(AgentLayout layout, TlsEngine engine) {
        AgentConfig config = AgentConfig.read(layout);
        String pin = Fingerprints.sha256(readCa(layout));
        KeyPair keys = KeyPairs.ecP256();
        JsonObject body;
        try {
            body = new JsonObject().put("csr", Pem.toPem("CERTIFICATE REQUEST",
                    Csr.create(keys, config.machine()).getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        VaultResponse resp;
        try (VaultClient client = VaultClient.open(layout, engine)) {
            resp = client.post("/v1/renew", body);
        }
        resp.requireOk("certificate renewal refused");
        return IdentityFiles.store(layout, resp.json(), keys, pin, config.machine());
    }

    static X509Certificate current(AgentLayout layout) {
        try {
            return Pem.readCertificates(layout.machineCertificate()).get(0);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read " + layout.machineCertificate()
                    + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate readCa(AgentLayout layout) {
        try {
            return Pem.readCertificates(layout.caCertificate()).get(0);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read " + layout.caCertificate()
                    + ": " + e.getMessage(), e);
        }
    }
}
