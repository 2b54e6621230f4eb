/**
 * Certificates: {@link io.lifeboat.scan.cert.ChainJudge} validates a chain with the JDK's PKIX path
 * builder against the JDK trust store or given CA certificates, and reads validity, self-signature,
 * key and signature; {@link io.lifeboat.tls.pki.HostnameMatcher} (shared with the doctor) matches RFC 6125 names.
 * The chains come from the probes (TLS 1.3 ones read through the encryption by the shared codec);
 * nothing here reads the network, and JSSE is not used to read chains. No revocation checks.
 */
package io.lifeboat.scan.cert;
