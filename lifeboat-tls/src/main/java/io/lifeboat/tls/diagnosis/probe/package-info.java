/**
 * The probing adapter: connects the way an agent does and records what it saw as evidence.
 *
 * <p>One attempt drives a JDK {@link javax.net.ssl.SSLEngine} by hand over a blocking socket, in
 * an {@link javax.net.ssl.SSLContext} of its own built from {@code TlsPolicy.TLS12_PLUS} (never
 * the process default), so every byte and every way the peer ends the stream is seen. Trust is
 * capture-then-judge: the chain is recorded, then the platform's real PKIX trust manager decides
 * (path, validity, host name through endpoint identification); nothing is ever trusted for a
 * decision that the real manager refused. The key manager records whether the server asked for a
 * client certificate (visible even in TLS 1.3, where the request is encrypted).
 *
 * <p>When the first attempt fails before any certificate is seen, follow-up probes ask one
 * question each, on one connection each: a hand-made TLS 1.0/1.1 ClientHello (does the server speak
 * only old versions?), a TLS 1.2 hello with every suite (which suite does it want?), and a
 * plaintext {@code GET /} (is it plain HTTP?). A probe that fails is a recorded attempt.
 *
 * <p>Not given: the hand-made hello is minimal (no TLS 1.3, no session resumption); the scanner's
 * codec is the full one and this one should move there once both are on main. Timeouts apply per
 * step, so a silent peer costs the connect/read timeout plus at most 3 s for the plaintext probe.
 */
package io.lifeboat.tls.diagnosis.probe;
