/**
 * The one TLS wire codec of Lifeboat, shared by the scanner, the doctor's follow-up probes, the vault's
 * ClientHello peek and the quickstart's legacy client: records, hellos, extensions, alerts, SSL 2.0,
 * and reading a TLS 1.3 server's first flight through its encryption. It can write what JSSE refuses
 * to send (SSL 2.0 hellos, SSL 3.0 to TLS 1.1, any suite list) without loosening the JVM's settings.
 *
 * <p>Writing: {@link io.lifeboat.tls.wire.ClientHello} (any version, suites, compression methods and
 * extensions, framed into records of at most 2^14 bytes), {@link io.lifeboat.tls.wire.Extensions},
 * {@link io.lifeboat.tls.wire.KeyShares} (real keys from the JDK) and
 * {@link io.lifeboat.tls.wire.Ssl2ClientHello}. Reading: {@link io.lifeboat.tls.wire.ServerFlight}, a
 * push parser that frames records, reassembles handshake messages and yields
 * {@link io.lifeboat.tls.wire.ServerMessage}s, and {@link io.lifeboat.tls.wire.Tls13ServerFlight}, which
 * derives the server's handshake keys ({@link io.lifeboat.tls.wire.Tls13KeySchedule}), opens its
 * records ({@link io.lifeboat.tls.wire.Tls13RecordCipher}) and reads up to its Certificate.
 *
 * <p>Every read goes through the bounds-checked {@link io.lifeboat.tls.wire.WireReader}; the only
 * exception for bad input is {@link io.lifeboat.tls.wire.WireFormatException} with the offset.
 * Size limits: 2^14 + 2048 bytes per record, 256 KiB per handshake message, 1 MiB per answer.
 *
 * <p>Not given: no handshake is ever completed, no Finished is checked, no CertificateVerify is
 * verified; nothing here decides trust. No sockets.
 */
package io.lifeboat.tls.wire;
