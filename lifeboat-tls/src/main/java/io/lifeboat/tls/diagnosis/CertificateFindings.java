package io.lifeboat.tls.diagnosis;

import java.time.Instant;
import java.util.List;

/**
 * What the judge found in the chain a server presented: the facts the certificate rules read.
 *
 * @param subject          the leaf's subject DN
 * @param issuer           the leaf's issuer DN
 * @param names            the leaf's DNS and IP subject alternative names
 * @param notBefore        leaf validity start
 * @param notAfter         leaf validity end
 * @param chainLength      certificates presented
 * @param selfSigned       the leaf is its own issuer
 * @param anchorSource     where the trust anchors came from
 * @param chainsToAnchor   some certificate of the chain is signed by a trust anchor (validity aside)
 * @param expired          the leaf's notAfter is before the local clock
 * @param notYetValid      the leaf's notBefore is after the local clock
 * @param hostnameMatches  the leaf names the host we connected to
 * @param inspectionVendor the name of a known TLS-inspection product found in the issuer, or null
 * @param trusted          the decision of the real trust manager (PKIX + host name); never trust-all
 * @param trustFailure     why the trust manager refused, or null
 */
public record CertificateFindings(String subject, String issuer, List<String> names, Instant notBefore,
        Instant notAfter, int chainLength, boolean selfSigned, AnchorSource anchorSource, boolean chainsToAnchor,
        boolean expired, boolean notYetValid, boolean hostnameMatches, String inspectionVendor, boolean trusted,
        String trustFailure) {

    public CertificateFindings {
        names = List.copyOf(names);
    }

    /** "CN=vault, issued by CN=Lifeboat CA, valid 2026-11-01T00:00:00Z .. 2026-12-01T00:00:00Z, names [..]". */
    public String describe() {
        return "the server presented " + subject + " issued by " + issuer + " (valid " + notBefore + " .. "
                + notAfter + ", names " + names + ", chain of " + chainLength + ")";
    }
}
