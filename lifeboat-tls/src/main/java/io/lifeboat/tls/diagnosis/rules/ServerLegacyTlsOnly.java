package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Our TLS 1.2+ hello failed, and a TLS 1.0/1.1 hello was accepted: the server is stuck below 1.2. */
final class ServerLegacyTlsOnly implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.SERVER_LEGACY_TLS_ONLY;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        if (e.handshakeCompleted() || e.legacyProbe() == null || !e.legacyProbe().accepted()
                || e.legacyProbe().version() == null
                || !e.legacyProbe().version().olderThan(ProtocolVersion.TLS_1_2)) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add("our ClientHello offering " + Facts.offered(e) + " failed: " + Handshake.outcome(e));
        ev.add(e.legacyProbe().describe());
        return Optional.of(new Diagnosis(id(), ev,
                "Enable TLS 1.2 on the server " + e.host() + ": on a Windows server, " + Facts.WINDOWS_TLS12
                        + "; elsewhere allow TLSv1.2 in the server's TLS configuration. Lifeboat refuses to fall"
                        + " back to " + e.legacyProbe().version() + " (protocol-downgrade protection)."));
    }
}
