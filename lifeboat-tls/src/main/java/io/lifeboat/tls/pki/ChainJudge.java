package io.lifeboat.tls.pki;


import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Judges a chain the server sent: real PKIX path building (the JDK's CertPathBuilder) from the leaf
 * to one of the trust anchors, at the given instant, with the other certificates the server sent as
 * candidate intermediates and revocation checking off (the scanner makes no OCSP/CRL requests). The
 * host name is judged separately ({@link HostnameMatcher}), so {@code trusted} answers "would this
 * chain be accepted for some name".
 *
 * <p>The one chain judge: the scanner reports its verdicts ({@link CertificateReport}); the doctor's
 * {@code diagnosis.CertificateExplainer} explains a refused chain with the same facts (validity,
 * self-signature, {@link HostnameMatcher}'s name rule, {@link #signedBy}).
 */
public final class ChainJudge {
    private final java.util.function.Supplier<Set<TrustAnchor>> anchorSource;
    private volatile Set<TrustAnchor> anchors;

    public ChainJudge(Set<TrustAnchor> anchors) {
        Set<TrustAnchor> copy = Set.copyOf(anchors);
        this.anchorSource = () -> copy;
    }

    private ChainJudge(java.util.function.Supplier<Set<TrustAnchor>> source) {
        this.anchorSource = source;
    }

    /** The anchors, loaded on first use (reading cacerts costs time a refused target should not pay). */
    private Set<TrustAnchor> anchors() {
        Set<TrustAnchor> a = anchors;
        if (a == null) {
            synchronized (this) {
                if (anchors == null) {
                    anchors = Set.copyOf(anchorSource.get());
                }
                a = anchors;
            }
        }
        return a;
    }

    /** Anchors from explicit CA certificates (the CLI's --ca FILE). */
    public static ChainJudge trusting(List<X509Certificate> cas) {
        Set<TrustAnchor> set = new HashSet<>();
        cas.forEach(c -> set.add(new TrustAnchor(c, null)));
        return new ChainJudge(set);
    }

    /** Anchors from the JDK's default trust store (cacerts), read when first needed. */
    public static ChainJudge jdkDefault() {
        return new ChainJudge(ChainJudge::jdkAnchors);
    }

    private static Set<TrustAnchor> jdkAnchors() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            Set<TrustAnchor> set = new HashSet<>();
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        set.add(new TrustAnchor(c, null));
                    }
                }
            }
            return set;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK trust store: " + e.getMessage(), e);
        }
    }

    public CertificateReport judge(List<X509Certificate> chain, String expectedName, String source, Instant now) {
        X509Certificate leaf = chain.get(0);
        List<String> sans = subjectAltNames(leaf);
        String trustDetail = validate(chain, now);
        PublicKey key = leaf.getPublicKey();
        return new CertificateReport(
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                sans,
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                keyType(key), keyBits(key), leaf.getSigAlgName(), sha256(leaf), chain.size(), source,
                trustDetail.isEmpty(), trustDetail,
                now.isAfter(leaf.getNotAfter().toInstant()),
                now.isBefore(leaf.getNotBefore().toInstant()),
                selfSigned(leaf),
                HostnameMatcher.matches(expectedName, sans),
                expectedName);
    }

    /** "" when the chain builds to an anchor at {@code now}; otherwise why not. */
    String validate(List<X509Certificate> chain, Instant now) {
        X509Certificate leaf = chain.get(0);
        Set<TrustAnchor> anchors = anchors();
        if (anchors.isEmpty()) {
            return "no trust anchors";
        }
        for (TrustAnchor a : anchors) {
            if (leaf.equals(a.getTrustedCert())) {
                try {
                    leaf.checkValidity(Date.from(now));
                    return "";
                } catch (GeneralSecurityException e) {
                    return "the certificate is itself a trust anchor, but " + e.getMessage();
                }
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            // The default limit is 5 intermediates; a server may send (and be trusted through) more,
            // and the scanner reports what PKIX decides, not what the JDK's default client accepts.
            params.setMaxPathLength(-1);
            params.setDate(Date.from(now));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return "";
        } catch (GeneralSecurityException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            return m.replace('\n', ' ');
        }
    }

    static List<String> subjectAltNames(X509Certificate cert) {
        return HostnameMatcher.subjectAltNames(cert);
    }

    /** The leaf's issuer is its subject and its own key verifies it. */
    public static boolean selfSigned(X509Certificate cert) {
        return signedBy(cert, cert);
    }

    /** {@code issuer} is the named issuer of {@code cert} and its key verifies {@code cert} (validity aside). */
    public static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String keyType(PublicKey key) {
        String alg = key.getAlgorithm();
        return switch (alg) {
            case "EC", "RSA", "DSA" -> alg;
            case "EdDSA", "Ed25519" -> "Ed25519".equals(alg) || key.toString().contains("Ed25519") ? "Ed25519" : "Ed448";
            default -> alg;
        };
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey r) {
            return r.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey e) {
            return e.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof java.security.interfaces.DSAPublicKey d) {
            return d.getParams().getP().bitLength();
        }
        if (key instanceof java.security.interfaces.EdECPublicKey ed) {
            return "Ed448".equals(ed.getParams().getName()) ? 456 : 256;
        }
        return 0;
    }

    static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
