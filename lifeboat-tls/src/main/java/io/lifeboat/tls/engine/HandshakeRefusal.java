package io.lifeboat.tls.engine;

import java.util.Optional;

/**
 * A server-side handshake that failed, with what the client offered.
 *
 * @param remote  the peer's address, e.g. "/127.0.0.1:51428"
 * @param offered the versions read from the ClientHello; empty when none could be read
 * @param cause   the engine's reason, one line
 */
public record HandshakeRefusal(String remote, Optional<OfferedVersions> offered, String cause) {

    /** True when the client offered nothing at or above TLS 1.2. */
    public boolean oldProtocol() {
        return offered.map(OfferedVersions::belowTls12).orElse(false);
    }

    /** The advice for the operator. */
    public String fix() {
        if (oldProtocol()) {
            return "enable TLS 1.2 on the client: run `lifeboat readiness` on Windows hosts"
                    + " (old Windows needs KB3140245 or KB4019276 and the SChannel/.NET registry values)";
        }
        return "run `lifeboat doctor` from the client to see why";
    }

    /** The one line the vault logs. */
    public String logLine() {
        String what = oldProtocol() ? "refused a client that offers only " + offered.get().highestName()
                : "TLS handshake failed";
        return "[tls-refused] " + what + ": remote=" + remote
                + " offered=" + offered.map(OfferedVersions::describe).orElse("unknown")
                + " cause=" + cause + "; fix: " + fix();
    }
}
