package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.SocketOutcome;
import java.util.List;
import java.util.Optional;

/** The TCP connect was refused (RST to the SYN), or an ICMP unreachable came back. */
final class ConnectionRefused implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.CONNECTION_REFUSED;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        if (e.socket() == SocketOutcome.REFUSED) {
            return Optional.of(new Diagnosis(id(), List.of(
                    "TCP connect to " + e.target() + " was refused: the host answered, but nothing listens on"
                            + " port " + e.port() + " (Windows error 10061 WSAECONNREFUSED)",
                    "socket error: " + e.socketDetail()),
                    "Start the service on " + e.target() + " (for a vault: `lifeboat vault serve --dir VAULT`; its"
                            + " log names the address it listens on), or use the right port. A host firewall"
                            + " that rejects connections answers the same way: allow the port there."));
        }
        if (e.socket() == SocketOutcome.UNREACHABLE) {
            return Optional.of(new Diagnosis(id(), List.of(
                    "TCP connect to " + e.target() + " failed: no route to the host (an ICMP unreachable,"
                            + " usually a firewall that rejects, or a wrong address)",
                    "socket error: " + e.socketDetail()),
                    "Check the address and the route to " + e.host() + "; allow TCP port " + e.port()
                            + " on every firewall between this machine and the server."));
        }
        return Optional.empty();
    }
}
