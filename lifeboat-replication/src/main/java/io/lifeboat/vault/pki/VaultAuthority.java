package io.lifeboat.vault.pki;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.Csr;
import io.lifeboat.tls.pki.Fingerprints;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.MachineName;
import io.lifeboat.vault.store.IssuedCertificate;
import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The vault's CA at work: makes the CA and the server certificate at {@code vault init}, and
 * issues machine certificates from CSRs (the machine's private key never leaves the machine).
 */
public final class VaultAuthority {
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    public static final Duration SERVER_LIFETIME = Duration.ofDays(825);
    /** The organisation written into every machine certificate. */
    public static final String MACHINE_ORGANISATION = "Lifeboat machine";

    private final HeldCertificate ca;
    private final Clock clock;

    public VaultAuthority(HeldCertificate ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    public HeldCertificate ca() {
        return ca;
    }

    /** A new ECDSA P-256 CA that may sign end-entity certificates only. */
    public static HeldCertificate newCa(String name, Clock clock) {
        Instant now = clock.instant();
        return new CertificateBuilder().commonName(name).organization("Lifeboat")
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(CA_LIFETIME))
                .certificateAuthority(0).build();
    }

    /** The TLS server certificate: the host names and 127.0.0.1 as SANs. */
    public HeldCertificate newServerCertificate(List<String> hosts) {
        Instant now = clock.instant();
        CertificateBuilder b = new CertificateBuilder()
                .commonName(hosts.isEmpty() ? "lifeboat-vault" : hosts.get(0)).organization("Lifeboat")
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(SERVER_LIFETIME))
                .serverAuth().signedBy(ca);
        hosts.forEach(b::subjectAltName);
        if (!hosts.contains("127.0.0.1")) {
            b.ipAddress("127.0.0.1");
        }
        return b.build();
    }

    /**
     * Issues a client certificate for {@code machine} from a CSR in PEM.
     *
     * @throws LifeboatException USAGE when the CSR is malformed, not self-signed, or names another machine
     */
    public X509Certificate issue(String csrPem, String machine, Duration lifetime) {
        PKCS10CertificationRequest csr;
        PublicKey key;
        try {
            csr = Pem.parseCsr(csrPem, "the certificate request");
            key = Csr.verifiedPublicKey(csr);
        } catch (IOException | RuntimeException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "bad certificate request: " + e.getMessage(), e);
        }
        String cn = Csr.commonName(csr);
        if (!machine.equals(cn)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "the certificate request names '" + cn
                    + "', not machine '" + machine + "'");
        }
        MachineName.require(machine);
        Instant now = clock.instant();
        return new CertificateBuilder().commonName(machine).organization(MACHINE_ORGANISATION)
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(lifetime))
                .clientAuth().subjectPublicKey(key).signedBy(ca).buildCertificate();
    }

    public static IssuedCertificate describe(X509Certificate cert) {
        return new IssuedCertificate(Fingerprints.sha256(cert), cert.getSerialNumber().toString(16),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    }
}
