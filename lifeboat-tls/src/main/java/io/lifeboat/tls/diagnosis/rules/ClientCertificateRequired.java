package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The server wants a client certificate and this client had none to send. */
final class ClientCertificateRequired implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.CLIENT_CERTIFICATE_REQUIRED;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        if (e.clientCertificate() != null && e.clientCertificate().presented()) {
            return Optional.empty();
        }
        List<String> signs = ClientIdentitySignals.seen(e);
        if (signs.isEmpty()) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add(e.clientCertificateRequested() ? "the server asked for a client certificate"
                : "the server refused the request without a client certificate");
        ev.add(e.clientCertificate() == null ? "this client had no certificate to present"
                : "this client held " + e.clientCertificate().subject() + " but did not present it");
        ev.addAll(signs);
        return Optional.of(new Diagnosis(id(), ev,
                "Present the machine's certificate: run the doctor with --dir AGENT (the agent directory with"
                        + " machine.crt, machine.key and ca.crt). A machine without one must enrol first: on the"
                        + " vault `lifeboat vault enroll --dir VAULT --machine NAME`, then on the machine"
                        + " `lifeboat agent enroll TOKEN --dir AGENT`."));
    }
}
