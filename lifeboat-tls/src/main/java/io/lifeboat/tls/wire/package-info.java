/**
 * The TLS wire layer shared by every Lifeboat tool that speaks TLS by hand. This package starts with
 * what reading a TLS 1.3 server's first flight needs: the key schedule up to the server's handshake
 * traffic keys ({@link io.lifeboat.tls.wire.Tls13KeySchedule}), record protection for every TLS 1.3
 * suite we can implement ({@link io.lifeboat.tls.wire.Tls13RecordCipher}) and ephemeral key shares
 * ({@link io.lifeboat.tls.wire.EphemeralKeyShare}).
 *
 * <p>Not given: no handshake is ever completed, no Finished is checked, no CertificateVerify is
 * verified. The scanner only reads what the server sends so it can judge the certificate chain with
 * PKIX afterwards; nothing here decides trust. No sockets.
 */
package io.lifeboat.tls.wire;
