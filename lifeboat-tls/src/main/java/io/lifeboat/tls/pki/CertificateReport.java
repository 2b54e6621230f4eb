package io.lifeboat.tls.pki;

import java.time.Instant;
import java.util.List;

/**
 * What the scanner found out about the server's certificate chain, and its verdicts.
 *
 * @param subject            the leaf's subject DN (RFC 2253)
 * @param subjectAltNames    DNS names and IP addresses of the leaf
 * @param issuer             the leaf's issuer DN
 * @param notBefore          start of the leaf's validity
 * @param notAfter           end of the leaf's validity
 * @param keyType            "RSA", "EC", "Ed25519", ...
 * @param keyBits            modulus or field size
 * @param signatureAlgorithm the leaf's signature algorithm ("SHA256withECDSA")
 * @param sha256             SHA-256 of the leaf's DER, hex
 * @param chainLength        certificates the server sent
 * @param source             how the chain was read: "handshake" (plaintext, TLS 1.2 and below) or
 *                           "tls13" (the encrypted TLS 1.3 flight, opened by our own codec)
 * @param trusted            the chain validates (PKIX, now, no revocation check) to a trust anchor,
 *                           host name aside
 * @param trustDetail        why not, when not trusted
 * @param expired            the leaf's notAfter is in the past
 * @param notYetValid        the leaf's notBefore is in the future
 * @param selfSigned         the leaf is signed by its own key
 * @param hostnameMatches    a SAN matches the expected name (RFC 6125; no CN fallback)
 * @param expectedName       the name matched against
 */
public record CertificateReport(String subject, List<String> subjectAltNames, String issuer, Instant notBefore,
        Instant notAfter, String keyType, int keyBits, String signatureAlgorithm, String sha256, int chainLength,
        String source, boolean trusted, String trustDetail, boolean expired, boolean notYetValid, boolean selfSigned,
        boolean hostnameMatches, String expectedName) {

    public CertificateReport {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** True when the key is too small for TLS12_PLUS links: RSA below 2048 bits, EC below 256. */
    public boolean weakKey() {
        return switch (keyType) {
            case "RSA", "DSA" -> keyBits < 2048;
            case "EC" -> keyBits < 256;
            default -> false;
        };
    }

    /** True for MD5 or SHA-1 signatures on the leaf. */
    public boolean weakSignature() {
        String s = signatureAlgorithm.toUpperCase(java.util.Locale.ROOT);
        return s.startsWith("MD5") || s.startsWith("MD2") || s.startsWith("SHA1");
    }
}
