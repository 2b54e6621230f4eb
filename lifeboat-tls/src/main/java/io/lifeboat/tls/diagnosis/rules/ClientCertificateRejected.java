package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ClientCertificateFindings;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.TlsAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** This client presented its machine certificate and the server refused it: revoked, expired or foreign. */
final class ClientCertificateRejected implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.CLIENT_CERTIFICATE_REJECTED;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        ClientCertificateFindings mine = e.clientCertificate();
        if (mine == null || !mine.presented()) {
            return Optional.empty();
        }
        List<String> signs = ClientIdentitySignals.seen(e);
        if (signs.isEmpty()) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add("this client presented " + mine.subject() + " (valid " + mine.notBefore() + " .. " + mine.notAfter()
                + ")");
        ev.addAll(signs);
        String fix;
        if (mine.expired()) {
            ev.add("the machine certificate expired at " + mine.notAfter() + " (this machine's clock: "
                    + e.localTime() + ")");
            fix = "The machine certificate has expired: it renews itself while the agent runs; after a long"
                    + " pause enrol again (`lifeboat vault enroll` on the vault, then `lifeboat agent enroll TOKEN"
                    + " --dir AGENT`). If the date looks wrong, set this machine's clock.";
        } else if (!mine.issuedByAnchor()) {
            ev.add("the machine certificate was not issued by the CA this client trusts for the server: it"
                    + " belongs to another vault");
            fix = "This agent directory was enrolled with another vault: enrol it with this one (`lifeboat vault"
                    + " enroll` on the vault at " + e.target() + ", then `lifeboat agent enroll TOKEN --dir AGENT`).";
        } else if (revoked(e)) {
            ev.add("the server says the certificate is revoked");
            fix = "The vault's operator revoked this machine (`lifeboat vault revoke`). If that was intended,"
                    + " nothing to do; otherwise enrol the machine again with a new token from `lifeboat vault"
                    + " enroll --dir VAULT --machine NAME`.";
        } else {
            fix = "The server does not accept this machine's certificate (revoked, or the vault's CA changed)."
                    + " Check `lifeboat vault machines` on the vault and enrol the machine again if it is not"
                    + " listed as active.";
        }
        return Optional.of(new Diagnosis(id(), ev, fix));
    }

    private static boolean revoked(ConnectionEvidence e) {
        return e.alertReceived() == TlsAlert.CERTIFICATE_REVOKED
                || (e.http() != null && e.http().body().toLowerCase(Locale.ROOT).contains("revoked"));
    }
}
