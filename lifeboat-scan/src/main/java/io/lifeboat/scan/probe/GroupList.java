package io.lifeboat.scan.probe;

import io.lifeboat.tls.ProtocolVersion;
import java.util.List;

/**
 * The key-exchange groups the server accepted, in the order it chose them, and the version asked at
 * (TLS 1.3: every group, read from HelloRetryRequests; TLS 1.2 and below: elliptic curves for ECDHE).
 */
public record GroupList(ProtocolVersion askedAt, List<Integer> groups) {
    public GroupList {
        groups = List.copyOf(groups);
    }
}
