package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CertificateFindings;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;

/** The shared precondition of the server-certificate rules: a chain was seen and refused. */
final class Certificates {
    private Certificates() {
    }

    /** The refused server chain, or null when none was seen or it was trusted. */
    static CertificateFindings refused(ConnectionEvidence e) {
        CertificateFindings c = e.serverCertificate();
        return c == null || c.trusted() ? null : c;
    }

    static String anchors(CertificateFindings c) {
        return switch (c.anchorSource()) {
            case VAULT_CA -> "the vault's CA (ca.crt of the agent directory)";
            case GIVEN_CA -> "the CA file given with --ca";
            case SYSTEM -> "the system trust store";
        };
    }
}
