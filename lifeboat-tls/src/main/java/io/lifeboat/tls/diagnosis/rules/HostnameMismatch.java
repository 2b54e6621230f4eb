package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.CertificateFindings;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import java.util.List;
import java.util.Optional;

/** The certificate comes from the right CA and is in date, but does not name the host we dialled. */
final class HostnameMismatch implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.HOSTNAME_MISMATCH;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        CertificateFindings c = Certificates.refused(e);
        if (c == null || !c.chainsToAnchor() || c.expired() || c.notYetValid() || c.hostnameMatches()) {
            return Optional.empty();
        }
        return Optional.of(new Diagnosis(id(), List.of(
                c.describe(),
                "we connected to \"" + e.host() + "\", which is not among the names " + c.names()),
                "Connect with a name the certificate lists (" + String.join(", ", c.names()) + "), or reissue"
                        + " the server's certificate with this name too (for a vault: `lifeboat vault init"
                        + " --host " + e.host() + "`). A DNS alias or a NAT address needs its own entry."));
    }
}
