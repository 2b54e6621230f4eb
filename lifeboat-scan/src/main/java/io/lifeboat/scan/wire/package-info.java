/**
 * A small TLS record and handshake codec of our own, so the scanner can send what JSSE refuses to
 * (SSL 2.0 hellos, SSL 3.0 to TLS 1.1, any suite list) without loosening the JVM's TLS settings.
 *
 * <p>Writing: {@link io.lifeboat.scan.wire.ClientHello} (any version, suites, compression methods and
 * extensions, framed into records of at most 2^14 bytes), {@link io.lifeboat.scan.wire.Extensions},
 * {@link io.lifeboat.scan.wire.KeyShares} (real X25519/P-256 keys from the JDK) and
 * {@link io.lifeboat.scan.wire.Ssl2ClientHello}. Reading: {@link io.lifeboat.scan.wire.ServerFlight}, a
 * push parser that frames records, reassembles handshake messages and yields
 * {@link io.lifeboat.scan.wire.ServerMessage}s (ServerHello and HelloRetryRequest, Certificate,
 * ServerKeyExchange, ServerHelloDone, alerts, SSL 2.0 SERVER-HELLO).
 *
 * <p>Every read goes through the bounds-checked {@link io.lifeboat.scan.wire.WireReader}; the only
 * exception for bad input is {@link io.lifeboat.scan.wire.WireFormatException} with the offset.
 * Size limits: 2^14 + 2048 bytes per record, 256 KiB per handshake message, 1 MiB per answer. The
 * codec never sees a socket and never derives keys: after a TLS 1.3 ServerHello all it can report
 * is "encrypted".
 */
package io.lifeboat.scan.wire;
