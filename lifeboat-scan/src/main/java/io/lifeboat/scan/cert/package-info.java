/**
 * Certificates: {@link io.lifeboat.scan.cert.ChainJudge} validates a chain with the JDK's PKIX path
 * builder against the JDK trust store or given CA certificates, and reads validity, self-signature,
 * key and signature; {@link io.lifeboat.scan.cert.HostnameMatcher} matches RFC 6125 names.
 * {@link io.lifeboat.scan.cert.Tls13ChainReader} is the one place JSSE is used: to read (never judge)
 * the encrypted chain of a TLS 1.3-only server through a local context. No revocation checks.
 */
package io.lifeboat.scan.cert;
