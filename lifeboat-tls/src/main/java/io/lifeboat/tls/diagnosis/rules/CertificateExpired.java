package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.CertificateFindings;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The server's certificate (from the right CA) is past its notAfter by this machine's clock. */
final class CertificateExpired implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.CERTIFICATE_EXPIRED;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        CertificateFindings c = Certificates.refused(e);
        if (c == null || !c.chainsToAnchor() || !c.expired()) {
            return Optional.empty();
        }
        Duration ago = Duration.between(c.notAfter(), e.localTime());
        List<String> ev = new java.util.ArrayList<>();
        ev.add(c.describe());
        ev.add("it expired at " + c.notAfter() + ", " + Skew.human(ago) + " before this machine's clock ("
                + e.localTime() + ")");
        Skew.serverClock(e).ifPresent(ev::add);
        return Optional.of(new Diagnosis(id(), ev,
                "Renew the server's certificate and restart the server (for a Lifeboat vault, issue a new"
                        + " server certificate from the vault's CA). If the server's certificate looks new, this"
                        + " machine's clock is ahead: set it right (w32tm /resync on Windows, chrony or"
                        + " timedatectl on Linux)."));
    }
}
