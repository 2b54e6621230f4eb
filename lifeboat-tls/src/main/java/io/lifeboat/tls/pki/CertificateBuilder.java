package io.lifeboat.tls.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 certificates: the vault's CA, server and machine certificates, and every test
 * certificate (expired, not yet valid, wrong host, weak key, self-signed, foreign CA), so that
 * production and tests share one code path (as OkHttp's {@code HeldCertificate} does).
 *
 * <p>Defaults: ECDSA P-256 key, valid from one minute ago for 30 days, self-signed, end-entity.
 */
public final class CertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private String commonName = "lifeboat";
    private String organization;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private Instant notBefore = Instant.now().minus(Duration.ofMinutes(1));
    private Instant notAfter = notBefore.plus(Duration.ofDays(30));
    private KeyPair keyPair;
    private PublicKey subjectPublicKey;
    private HeldCertificate issuer;
    private int caPathLength = -1;
    private boolean serverAuth;
    private boolean clientAuth;
    private String signatureAlgorithm;

    public CertificateBuilder commonName(String cn) {
        this.commonName = cn;
        return this;
    }

    public CertificateBuilder organization(String o) {
        this.organization = o;
        return this;
    }

    public CertificateBuilder dnsName(String name) {
        dnsNames.add(name);
        return this;
    }

    public CertificateBuilder ipAddress(String ip) {
        ipAddresses.add(ip);
        return this;
    }

    /** A SAN of the right kind: an IP literal becomes an iPAddress, anything else a dNSName. */
    public CertificateBuilder subjectAltName(String hostOrIp) {
        return looksLikeIp(hostOrIp) ? ipAddress(hostOrIp) : dnsName(hostOrIp);
    }

    public CertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    public CertificateBuilder validFor(Duration d) {
        this.notBefore = Instant.now().minus(Duration.ofMinutes(1));
        this.notAfter = Instant.now().plus(d);
        return this;
    }

    public CertificateBuilder keyPair(KeyPair kp) {
        this.keyPair = kp;
        return this;
    }

    /** Certify a key whose private half we never see (issuing from a CSR). */
    public CertificateBuilder subjectPublicKey(PublicKey key) {
        this.subjectPublicKey = key;
        return this;
    }

    public CertificateBuilder signedBy(HeldCertificate issuer) {
        this.issuer = issuer;
        return this;
    }

    /** Makes a CA; {@code pathLength} 0 means it may sign only end-entity certificates. */
    public CertificateBuilder certificateAuthority(int pathLength) {
        this.caPathLength = pathLength;
        return this;
    }

    public CertificateBuilder serverAuth() {
        this.serverAuth = true;
        return this;
    }

    public CertificateBuilder clientAuth() {
        this.clientAuth = true;
        return this;
    }

    /** e.g. "SHA1withRSA" for a weak-signature fixture; by default SHA-256 with the issuer's key type. */
    public CertificateBuilder signatureAlgorithm(String alg) {
        this.signatureAlgorithm = alg;
        return this;
    }

    /** Builds a certificate for a key pair held here (generated when none was given). */
    public HeldCertificate build() {
        if (subjectPublicKey != null) {
            throw new IllegalStateException("use buildCertificate() when certifying a public key only");
        }
        KeyPair kp = keyPair != null ? keyPair : KeyPairs.ecP256();
        return new HeldCertificate(sign(kp.getPublic(), kp), kp);
    }

    /** Builds a certificate for {@link #subjectPublicKey}; the subject's private key stays with its owner. */
    public X509Certificate buildCertificate() {
        if (subjectPublicKey == null) {
            throw new IllegalStateException("subjectPublicKey is not set");
        }
        if (issuer == null) {
            throw new IllegalStateException("a certificate for a foreign key must be signed by an issuer");
        }
        return sign(subjectPublicKey, null);
    }

    private X509Certificate sign(PublicKey subjectKey, KeyPair selfKeys) {
        try {
            X500Name subject = name();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            PrivateKey signingKey = issuer == null ? selfKeys.getPrivate() : issuer.keyPair().getPrivate();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            if (caPathLength >= 0) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(caPathLength));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | (subjectKey.getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0)));
                List<KeyPurposeId> purposes = new ArrayList<>();
                if (serverAuth) {
                    purposes.add(KeyPurposeId.id_kp_serverAuth);
                }
                if (clientAuth) {
                    purposes.add(KeyPurposeId.id_kp_clientAuth);
                }
                if (!purposes.isEmpty()) {
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
                }
            }
            List<GeneralName> sans = new ArrayList<>();
            dnsNames.forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
            ipAddresses.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            ContentSigner signer = new JcaContentSignerBuilder(algorithmFor(signingKey)).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (IOException | OperatorCreationException | CertificateException
                | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    private X500Name name() {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null) {
            nb.addRDN(BCStyle.O, organization);
        }
        nb.addRDN(BCStyle.CN, commonName);
        return nb.build();
    }

    private String algorithmFor(PrivateKey key) {
        if (signatureAlgorithm != null) {
            return signatureAlgorithm;
        }
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519" -> "Ed25519";
            default -> throw new IllegalStateException("unsupported issuer key type " + key.getAlgorithm());
        };
    }

    static boolean looksLikeIp(String s) {
        if (s.contains(":")) {
            return true;
        }
        if (!s.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
