package io.lifeboat.scan.probe;

import io.lifeboat.tls.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/** The newest accepted version that still has a plaintext handshake after the ServerHello (SSL 3.0 to TLS 1.2). */
final class LegacyVersions {
    private LegacyVersions() {
    }

    static Optional<ProtocolVersion> newest(TargetFacts facts) {
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0,
                ProtocolVersion.SSL_3_0)) {
            if (facts.accepted(v)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
