package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.CertificateFindings;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chain does not lead to a trusted CA (self-signed, or another CA), or it leads there but the
 * trust manager refused it for a reason the other certificate rules do not name.
 */
final class UntrustedCertificate implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.UNTRUSTED_CERTIFICATE;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        CertificateFindings c = Certificates.refused(e);
        if (c == null) {
            return Optional.empty();
        }
        boolean otherReason = c.chainsToAnchor() && !c.expired() && !c.notYetValid() && c.hostnameMatches();
        if (c.chainsToAnchor() && !otherReason) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add(c.describe());
        if (!c.chainsToAnchor()) {
            ev.add((c.selfSigned() ? "it is self-signed and " : "") + "the chain does not lead to "
                    + Certificates.anchors(c));
        }
        if (c.trustFailure() != null) {
            ev.add("trust manager: " + c.trustFailure());
        }
        String fix = switch (c.anchorSource()) {
            case SYSTEM -> "Give the CA that signed the server's certificate with --ca FILE (for a Lifeboat vault:"
                    + " its ca.crt, or --dir AGENT after enrolment), or install a certificate from a CA this"
                    + " machine trusts on the server.";
            case VAULT_CA -> "The agent directory's ca.crt is not the CA of the server at " + e.target()
                    + ": check the address (another server answers), or enrol the machine again with a fresh"
                    + " token from `lifeboat vault enroll`.";
            case GIVEN_CA -> "The CA file given with --ca did not sign the server's certificate: pass the right"
                    + " CA (for a vault, VAULT/ca.crt), or reissue the server's certificate from that CA.";
        };
        return Optional.of(new Diagnosis(id(), ev, fix));
    }
}
