package io.lifeboat.tls.diagnosis;

import java.util.ArrayList;
import java.util.List;

/** Everything an attempt saw, one fact a line: the report when no rule fires (and the healthy notes). */
public final class EvidenceSummary {
    private EvidenceSummary() {
    }

    public static List<String> lines(ConnectionEvidence e) {
        List<String> out = new ArrayList<>();
        out.add("TCP " + e.target() + ": " + e.socket().name().toLowerCase(java.util.Locale.ROOT)
                + (e.socketDetail() == null ? "" : " (" + e.socketDetail() + ")"));
        if (e.socket() != SocketOutcome.CONNECTED) {
            return out;
        }
        out.add("offered " + Facts.offered(e));
        if (e.handshakeCompleted()) {
            out.add("TLS handshake completed: " + e.negotiatedVersion() + ", " + e.negotiatedSuite());
        } else {
            out.add("TLS handshake did not complete");
        }
        if (e.serverCertificate() != null) {
            out.add(e.serverCertificate().describe() + (e.serverCertificate().trusted() ? ", trusted"
                    : ", refused: " + e.serverCertificate().trustFailure()));
        }
        if (e.clientCertificateRequested()) {
            out.add("the server asked for a client certificate; "
                    + (e.clientCertificate() != null && e.clientCertificate().presented()
                            ? "this client presented " + e.clientCertificate().subject() : "none was presented"));
        }
        if (e.alertReceived() != null) {
            out.add("alert received: " + e.alertReceived());
        }
        if (e.localFailure() != null) {
            out.add("local failure: " + e.localFailure());
        }
        if (e.transportEnd() != TransportEnd.NONE) {
            out.add("the peer " + Facts.transport(e.transportEnd()));
        }
        if (e.firstBytes().length > 0 && e.peerAnsweredNonTls()) {
            out.add("first bytes: \"" + Facts.printable(e.firstBytes()) + "\"");
        }
        if (e.http() != null) {
            out.add("GET /health: " + e.http().statusLine());
        } else if (e.handshakeCompleted()) {
            out.add("GET /health: no HTTP answer (not an HTTP service?)");
        }
        if (e.legacyProbe() != null) {
            out.add(e.legacyProbe().describe());
        }
        if (e.tls12AllSuitesProbe() != null) {
            out.add(e.tls12AllSuitesProbe().describe());
        }
        if (e.serverClock() != null) {
            out.add("the server's clock (HTTP Date): " + e.serverClock() + "; this machine's: " + e.localTime());
        }
        if (e.plainAnswer() != null) {
            out.add("plaintext HTTP answer: \"" + e.plainAnswer() + "\"");
        }
        return out;
    }
}
