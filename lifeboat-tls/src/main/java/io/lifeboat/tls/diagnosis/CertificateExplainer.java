package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.pki.ChainJudge;
import io.lifeboat.tls.pki.HostnameMatcher;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Explains a certificate chain for the doctor, with the one chain judge's facts
 * ({@link io.lifeboat.tls.pki.ChainJudge}: signatures and self-signature; {@link HostnameMatcher}:
 * names): does it lead to our anchors, is the leaf in its validity period, does it name the host. Pure: the chain, the anchors, the host and the clock are inputs.
 *
 * <p>The judge explains; it does not decide. The decision to trust is the real trust manager's
 * (PKIX validation and host-name verification), passed in as {@code trusted}.
 */
public final class CertificateExplainer {
    /** Issuer words of common TLS-inspection products (their CA names carry the product name). */
    private static final List<String> INSPECTION_VENDORS = List.of("zscaler", "fortinet", "fortigate",
            "palo alto", "blue coat", "bluecoat", "symantec web", "sophos", "netskope", "cisco umbrella",
            "forcepoint", "websense", "mcafee web gateway", "skyhigh", "check point", "checkpoint", "barracuda",
            "kaspersky", "eset ssl filter", "avast", "avg web", "bitdefender", "watchguard", "sonicwall",
            "untangle", "squid", "mitmproxy", "charles proxy", "fiddler", "burp", "inspection");

    private CertificateExplainer() {
    }

    public static CertificateFindings judgeServer(List<X509Certificate> chain, List<X509Certificate> anchors,
            AnchorSource source, String host, Instant now, boolean trusted, String trustFailure) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty chain");
        }
        X509Certificate leaf = chain.get(0);
        Instant nb = leaf.getNotBefore().toInstant();
        Instant na = leaf.getNotAfter().toInstant();
        String issuer = leaf.getIssuerX500Principal().getName();
        return new CertificateFindings(leaf.getSubjectX500Principal().getName(), issuer, subjectAltNames(leaf),
                nb, na, chain.size(), selfSigned(leaf), source, chainsTo(chain, anchors), now.isAfter(na),
                now.isBefore(nb), hostnameMatches(leaf, host), inspectionVendor(chain), trusted, trustFailure);
    }

    public static ClientCertificateFindings judgeClient(X509Certificate cert, List<X509Certificate> anchors,
            Instant now, boolean presented) {
        Instant nb = cert.getNotBefore().toInstant();
        Instant na = cert.getNotAfter().toInstant();
        return new ClientCertificateFindings(cert.getSubjectX500Principal().getName(), nb, na, now.isAfter(na),
                now.isBefore(nb), chainsTo(List.of(cert), anchors), presented);
    }

    /** True when some certificate of {@code chain} is an anchor or is signed by one (validity aside). */
    public static boolean chainsTo(List<X509Certificate> chain, List<X509Certificate> anchors) {
        for (X509Certificate c : chain) {
            for (X509Certificate a : anchors) {
                if (c.equals(a) || signedBy(c, a)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        return ChainJudge.signedBy(cert, issuer);
    }

    static boolean selfSigned(X509Certificate c) {
        return ChainJudge.selfSigned(c);
    }

    /** The one hostname rule ({@link HostnameMatcher}): RFC 6125, subjectAltName only, no CN fallback. */
    public static boolean hostnameMatches(X509Certificate leaf, String host) {
        return HostnameMatcher.matches(host, leaf);
    }

    public static List<String> subjectAltNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        for (List<?> san : sans(c)) {
            int type = (Integer) san.get(0);
            if (type == 2 || type == 7) {
                out.add(String.valueOf(san.get(1)));
            }
        }
        return out;
    }

    private static Collection<List<?>> sans(X509Certificate c) {
        try {
            Collection<List<?>> s = c.getSubjectAlternativeNames();
            return s == null ? List.of() : s;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    static String inspectionVendor(List<X509Certificate> chain) {
        for (X509Certificate c : chain) {
            String dn = c.getIssuerX500Principal().getName().toLowerCase(Locale.ROOT);
            for (String v : INSPECTION_VENDORS) {
                if (dn.contains(v)) {
                    return c.getIssuerX500Principal().getName();
                }
            }
        }
        return null;
    }

}
