package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.TlsAlert;
import io.lifeboat.tls.diagnosis.TransportEnd;
import java.util.ArrayList;
import java.util.List;

/** The signs that a server refused the client's identity, shared by the two client-certificate rules. */
final class ClientIdentitySignals {
    private ClientIdentitySignals() {
    }

    /** Evidence lines for each sign seen; empty when the server showed no sign of refusing the client. */
    static List<String> seen(ConnectionEvidence e) {
        if (e.serverCertificate() != null && !e.serverCertificate().trusted()) {
            return List.of(); // we refused the server first: nothing is known about the client side
        }
        List<String> ev = new ArrayList<>();
        TlsAlert a = e.alertReceived();
        if (a != null && (a.refusesClientCertificate()
                || (a == TlsAlert.HANDSHAKE_FAILURE && e.clientCertificateRequested()))) {
            ev.add("the server sent alert " + a + (e.handshakeCompleted() ? " right after the handshake" : ""));
        }
        if (a == TlsAlert.INTERNAL_ERROR && e.http() == null && e.clientCertificateRequested()
                && e.clientCertificate() != null && e.clientCertificate().presented()) {
            // netty's BoringSSL server turns its trust manager's "no trust anchor" into an unspecified
            // verify error, which BoringSSL sends as internal_error: a vault from before session 25
            // refuses a certificate from another CA like this (ours now sends unknown_ca), and nothing
            // else was asked of the server
            ev.add("the server sent alert " + a + (e.handshakeCompleted() ? " right after the handshake" : "")
                    + ", before any answer, to the certificate this client presented (how a BoringSSL server"
                    + " refuses a certificate its trust manager rejects)");
        }
        if (e.http() != null && e.http().refusesIdentity()) {
            ev.add("GET /health was answered \"" + e.http().statusLine() + "\""
                    + (e.http().body().isBlank() ? "" : ": " + e.http().body().strip()));
        }
        if (e.clientCertificateRequested() && ev.isEmpty()
                && (e.transportEnd() == TransportEnd.RESET || e.transportEnd() == TransportEnd.EOF)) {
            ev.add("after asking for a client certificate the server " + io.lifeboat.tls.diagnosis.Facts
                    .transport(e.transportEnd()));
        }
        return ev;
    }
}
