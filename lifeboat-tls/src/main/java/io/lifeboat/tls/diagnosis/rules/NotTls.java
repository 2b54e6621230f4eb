package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Facts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The peer answered with something that is not TLS (plain HTTP, SSH, SMTP ...). */
final class NotTls implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.NOT_TLS;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        if (e.handshakeCompleted()) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        String guess = null;
        if (e.peerAnsweredNonTls()) {
            byte[] first = e.firstBytes();
            guess = Facts.protocolGuess(first);
            ev.add("the peer answered our ClientHello with bytes that are not a TLS record: \""
                    + Facts.printable(first) + "\"");
        } else if (e.plainAnswer() != null) {
            guess = Facts.protocolGuess(e.plainAnswer().getBytes(StandardCharsets.ISO_8859_1));
            ev.add("the TLS handshake got no TLS answer (the peer " + Facts.transport(e.transportEnd()) + ")");
            ev.add("a plaintext HTTP request to the same port was answered: \"" + e.plainAnswer() + "\"");
        } else {
            return Optional.empty();
        }
        if (guess != null) {
            ev.add("the port speaks " + guess);
        }
        return Optional.of(new Diagnosis(id(), ev,
                "Use the TLS port of the service, or turn TLS on for it. A Lifeboat vault always speaks TLS"
                        + " (see the address `lifeboat vault serve` logs at start); a reverse proxy or port"
                        + " forward in front of it must pass TLS through, or terminate it with TLS 1.2 or newer."));
    }
}
