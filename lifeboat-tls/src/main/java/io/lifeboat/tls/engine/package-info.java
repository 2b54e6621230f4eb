/**
 * The TLS engines (BoringSSL through netty-tcnative, SunJSSE as the fallback) configured from a
 * {@link io.lifeboat.tls.TlsPolicy} for Vert.x servers and clients.
 *
 * <p>How it works: {@link io.lifeboat.tls.engine.VertxTls} sets versions and suites on the Vert.x
 * options (TLS 1.3 suites always included). The engine options are subclasses of Vert.x's own
 * (overriding {@code copy()}, or Vert.x drops the subclass) whose {@code SslContextFactory} adds what
 * Vert.x has no option for: the key-exchange groups on BoringSSL ({@code OpenSslContextOption.GROUPS})
 * and, on servers, a handler placed before the {@code SslHandler} that reads the versions out of the
 * ClientHello without consuming it, so that a refused client is logged with its address, the
 * highest version it offered and the fix ({@link io.lifeboat.tls.engine.HandshakeRefusal}).
 * The engine itself sends the {@code protocol_version} alert.
 *
 * <p>Not given: SNI-based virtual hosts (Vert.x's SNI handler would consume the hello first);
 * per-context groups on the JDK engine (Java 17 has only the process-wide
 * {@code jdk.tls.namedGroups}); renegotiation and compression, which both engines refuse.
 */
package io.lifeboat.tls.engine;
