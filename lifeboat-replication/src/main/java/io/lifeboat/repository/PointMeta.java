package io.lifeboat.repository;

/**
 * What the vault knows about how a recovery point arrived, stored with it.
 *
 * @param bytesSent   block body bytes that crossed the wire for this point (as sent, compressed)
 * @param tlsVersion  the session's protocol, e.g. "TLSv1.3"
 * @param cipherSuite the session's suite, e.g. "TLS_AES_128_GCM_SHA256"
 * @param consistency how the agent read the source, e.g. "crash-consistent"
 */
public record PointMeta(long bytesSent, String tlsVersion, String cipherSuite, String consistency) {
    public PointMeta {
        if (bytesSent < 0) {
            throw new IllegalArgumentException("bytesSent must not be negative: " + bytesSent);
        }
    }
}
