/**
 * The one TLS policy and everything that speaks TLS on Lifeboat's own links.
 *
 * <p>Registries ({@link io.lifeboat.tls.ProtocolVersion}, {@link io.lifeboat.tls.CipherSuite},
 * {@link io.lifeboat.tls.NamedGroup}, {@link io.lifeboat.tls.SignatureScheme}) carry wire ids and
 * standard names, so the scanner's codec, the policy and the reports share one vocabulary.
 * {@link io.lifeboat.tls.TlsPolicy#TLS12_PLUS} is the only policy a link may use; it cannot be
 * weakened below TLS 1.2 by construction.
 *
 * <p>Guarantees not given here: this package does not judge remote endpoints (the scanner does,
 * with this policy as its yardstick) and does not touch the JVM-wide JSSE settings.
 */
package io.lifeboat.tls;
