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
 * A TLS-inspecting proxy or firewall re-signs the server's certificate with its own CA. Fires only on
 * positive evidence of one: the chain's issuer names a known inspection product. A chain from another
 * CA than the pinned one is not evidence by itself (an unrelated --ca, another vault, a wrong
 * address look the same), so that is UNTRUSTED_CERTIFICATE. Asked before the other certificate
 * rules because its evidence is the most specific.
 */
final class TlsInspectionSuspected implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.TLS_INSPECTION_SUSPECTED;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        CertificateFindings c = Certificates.refused(e);
        if (c == null || c.chainsToAnchor() || c.inspectionVendor() == null) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add(c.describe());
        ev.add("the chain does not lead to " + Certificates.anchors(c));
        ev.add("the issuer names a TLS-inspection product: " + c.inspectionVendor());
        return Optional.of(new Diagnosis(id(), ev,
                "A proxy, firewall or antivirus between this machine and " + e.host() + " intercepts TLS and"
                        + " re-signs the certificate with its own CA (" + c.issuer() + "). Exempt "
                        + e.target() + " from TLS inspection (a bypass rule for the vault's address), or connect"
                        + " on a path without the proxy. Do not trust the proxy's CA instead: the vault pins its"
                        + " own CA, and mutual TLS cannot pass through an inspecting proxy."));
    }
}
