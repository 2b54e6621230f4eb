package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Facts;
import io.lifeboat.tls.diagnosis.SocketOutcome;
import io.lifeboat.tls.diagnosis.TlsAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** This client's TLS stack could not offer TLS 1.2 or newer (TLS 1.2 disabled or missing locally). */
final class ClientLegacyTlsOnly implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.CLIENT_LEGACY_TLS_ONLY;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        if (e.socket() != SocketOutcome.CONNECTED || e.handshakeCompleted()) {
            return Optional.empty();
        }
        ProtocolVersion newest = e.newestOffered();
        boolean offeredOld = newest == null || newest.olderThan(ProtocolVersion.TLS_1_2);
        boolean stackRefused = e.localFailure() != null && e.localFailure().contains("No appropriate protocol");
        if (!offeredOld && !stackRefused) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add("this client offered " + Facts.offered(e) + (newest == null ? "" : " (nothing newer)"));
        if (stackRefused) {
            ev.add("the local TLS stack refused to start a TLS 1.2/1.3 handshake: " + e.localFailure());
        }
        if (e.alertReceived() == TlsAlert.PROTOCOL_VERSION) {
            ev.add("the server answered with alert " + e.alertReceived() + ": it refuses versions below TLS 1.2");
        }
        return Optional.of(new Diagnosis(id(), ev,
                "Enable TLS 1.2 on this machine: on Windows, " + Facts.WINDOWS_TLS12 + "; in Java, remove TLSv1.2"
                        + " and TLSv1.3 from jdk.tls.disabledAlgorithms (java.security) and from"
                        + " -Djdk.tls.client.protocols. Lifeboat never falls back below TLS 1.2."));
    }
}
