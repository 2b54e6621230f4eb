package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Facts;
import io.lifeboat.tls.diagnosis.TransportEnd;

/** How our own handshake ended, in words, for the rules' evidence. */
final class Handshake {
    private Handshake() {
    }

    static String outcome(ConnectionEvidence e) {
        if (e.alertReceived() != null) {
            return "the server sent alert " + e.alertReceived();
        }
        if (e.transportEnd() != TransportEnd.NONE) {
            return "the server " + Facts.transport(e.transportEnd());
        }
        if (e.localFailure() != null) {
            return "this client aborted: " + e.localFailure();
        }
        return e.handshakeCompleted() ? "completed" : "failed";
    }
}
