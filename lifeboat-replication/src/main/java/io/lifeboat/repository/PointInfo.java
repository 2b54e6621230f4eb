package io.lifeboat.repository;

import java.time.Instant;

/**
 * A recovery point as listed by {@code lifeboat points}.
 *
 * @param bytesSent   bytes that crossed the wire for this point (compressed block bodies sent for it)
 * @param tlsVersion  of the session that carried the point, e.g. "TLSv1.3"
 * @param consistency how the source was read, e.g. "crash-consistent"
 */
public record PointInfo(String id, String machine, Instant created, String source, SourceKind kind,
        long sourceBytes, long bytesSent, String tlsVersion, String cipherSuite, String consistency) {
}
