package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.CertificateFindings;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The server's certificate starts in the future by this machine's clock: usually this clock is behind. */
final class CertificateNotYetValid implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.CERTIFICATE_NOT_YET_VALID;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        CertificateFindings c = Certificates.refused(e);
        if (c == null || !c.chainsToAnchor() || !c.notYetValid()) {
            return Optional.empty();
        }
        Duration ahead = Duration.between(e.localTime(), c.notBefore());
        List<String> ev = new ArrayList<>();
        ev.add(c.describe());
        ev.add("it becomes valid at " + c.notBefore() + ", " + Skew.human(ahead) + " after this machine's clock ("
                + e.localTime() + ")");
        Skew.serverClock(e).ifPresent(ev::add);
        return Optional.of(new Diagnosis(id(), ev,
                "Clock skew: a freshly issued certificate looks \"not yet valid\" to a machine whose clock is"
                        + " behind. Set this machine's clock (Windows: `w32tm /resync`, and check the time zone;"
                        + " Linux: chrony or `timedatectl set-ntp true`), then try again. If this clock is right,"
                        + " the server's certificate was issued with a wrong start date: reissue it."));
    }
}
