package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Facts;
import io.lifeboat.tls.diagnosis.SocketOutcome;
import io.lifeboat.tls.diagnosis.TransportEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** No answer: to the SYN (a dropping firewall), or to the ClientHello (a peer that accepts and hangs). */
final class Timeout implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.TIMEOUT;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        long secs = e.timeout().toSeconds();
        if (e.socket() == SocketOutcome.CONNECT_TIMEOUT) {
            return Optional.of(new Diagnosis(id(), List.of(
                    "TCP connect to " + e.target() + " got no answer within " + secs + " s (Windows error 10060"
                            + " WSAETIMEDOUT): packets are dropped on the way or the host is down"),
                    "Check that " + e.host() + " is up and that every firewall between the two machines allows"
                            + " TCP port " + e.port() + " (a dropping firewall looks exactly like this)."));
        }
        if (e.socket() == SocketOutcome.CONNECTED && !e.handshakeCompleted()
                && e.transportEnd() == TransportEnd.READ_TIMEOUT && e.peerSilent() && e.plainAnswer() == null) {
            List<String> ev = new ArrayList<>();
            ev.add("TCP connect to " + e.target() + " succeeded, but the peer " + Facts.transport(e.transportEnd())
                    + " (" + secs + " s) after our ClientHello offering " + Facts.offered(e));
            if (e.legacyProbe() != null) {
                ev.add(e.legacyProbe().describe());
            }
            ev.add("a plaintext HTTP request got no answer either");
            return Optional.of(new Diagnosis(id(), ev,
                    "Something accepts connections on " + e.target() + " but does not answer: a hung service, a"
                            + " port forward or load balancer whose backend is down, or a proxy that waits"
                            + " forever. Find the process (`ss -ltnp` on Linux, `netstat -abno` on Windows);"
                            + " if it is the vault, look at its log and restart it."));
        }
        return Optional.empty();
    }
}
