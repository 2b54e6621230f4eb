package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Facts;
import io.lifeboat.tls.diagnosis.HelloProbeResult;
import io.lifeboat.tls.diagnosis.TransportEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 10054 case: the peer closed or reset the connection during the handshake, without an alert.
 * The evidence cannot name one cause, so the likely ones are ranked by what the extra probes saw.
 */
final class ConnectionResetDuringHandshake implements CauseRule {
    private static final String MIDDLEBOX = "A firewall, IPS or proxy between the machines resets TLS to this"
            + " address or name: try from another network segment, and check the proxy's TLS-inspection and"
            + " allow lists.";
    private static final String SCHANNEL = "The server refuses TLS 1.2 without an alert, as Windows SChannel does"
            + " when TLS 1.2 is disabled or no certificate is bound to the port: on a Windows server, "
            + Facts.WINDOWS_TLS12 + ".";
    private static final String SUITES = "The server and this client share no cipher suite and the server closes"
            + " instead of sending an alert (old SChannel): enable an ECDHE + AES-GCM suite on the server.";
    private static final String OVERLOAD = "The service is overloaded, restarting, or limits connections per"
            + " client: look at the server's log at the time of the attempt.";

    @Override
    public CauseId id() {
        return CauseId.CONNECTION_RESET_DURING_HANDSHAKE;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        if (e.handshakeCompleted() || (e.transportEnd() != TransportEnd.RESET && e.transportEnd() != TransportEnd.EOF)) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add("TCP connect to " + e.target() + " succeeded; after our ClientHello offering " + Facts.offered(e)
                + " the peer " + Facts.transport(e.transportEnd())
                + (e.peerSilent() ? ", before sending any TLS byte" : ""));
        List<String> ranked = new ArrayList<>();
        HelloProbeResult legacy = e.legacyProbe();
        if (legacy != null) {
            ev.add(legacy.describe());
        }
        if (e.tls12AllSuitesProbe() != null) {
            ev.add(e.tls12AllSuitesProbe().describe());
        }
        boolean everyHelloClosed = legacy != null && !legacy.accepted() && legacy.alert() == null;
        if (everyHelloClosed) {
            ev.add("every ClientHello was cut off, whatever it offered: the refusal is not about the version");
            ranked.add(MIDDLEBOX);
            ranked.add(SCHANNEL);
            ranked.add(OVERLOAD);
            ranked.add(SUITES);
        } else {
            ranked.add(SCHANNEL);
            ranked.add(SUITES);
            ranked.add(MIDDLEBOX);
            ranked.add(OVERLOAD);
        }
        return Optional.of(new Diagnosis(id(), ev,
                "Work down the likely causes in order; the first is the most likely for what was seen. `lifeboat"
                        + " scan " + e.target() + "` lists what the server accepts.", ranked));
    }
}
