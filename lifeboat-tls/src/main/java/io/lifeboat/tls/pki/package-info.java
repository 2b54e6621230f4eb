/**
 * PKI with Bouncy Castle: key pairs, one certificate builder for production and tests, CSRs, PEM.
 *
 * <p>The vault's CA is ECDSA P-256; its server certificate names the {@code --host} names and
 * 127.0.0.1; machine certificates are issued from a CSR, so a machine's private key never leaves
 * the machine. Private keys are PKCS#8 PEM files created 0600 and replaced atomically.
 * A peer's identity is the SHA-256 of its DER certificate ({@link io.lifeboat.tls.pki.Fingerprints}).
 *
 * <p>Not here: revocation and enrolment policy (the vault decides), trust decisions (the TLS
 * contexts and the scanner's certificate rules make them).
 */
package io.lifeboat.tls.pki;
