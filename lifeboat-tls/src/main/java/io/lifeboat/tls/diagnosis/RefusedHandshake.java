package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.ProtocolVersion;
import java.util.List;
import java.util.Objects;

/**
 * What a server saw of a handshake it refused: the server-side evidence (the vault logs it).
 *
 * @param peer    the client's address ("192.0.2.7:50412"), or "unknown"
 * @param offered the versions the client offered, newest first; empty when its hello was not seen
 * @param reason  the TLS engine's reason text
 */
public record RefusedHandshake(String peer, List<ProtocolVersion> offered, String reason) {
    public RefusedHandshake {
        Objects.requireNonNull(peer, "peer");
        offered = List.copyOf(offered);
        reason = reason == null ? "" : reason;
    }

    public ProtocolVersion newestOffered() {
        return offered.isEmpty() ? null : offered.get(0);
    }
}
