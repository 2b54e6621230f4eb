package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.diagnosis.CauseRule;
import java.util.List;

/**
 * The registry of rules, in the order they are asked: the first that fires names the cause. The
 * order goes from the transport up (nothing listening, not TLS, versions, suites, the server's
 * certificate, the client's certificate) and ends with the reset, which is what is left when no
 * more specific rule explains a closed connection.
 */
public final class Rules {
    public static final List<CauseRule> ALL = List.of(
            new ConnectionRefused(),
            new Timeout(),
            new ClientLegacyTlsOnly(),
            new NotTls(),
            new ServerLegacyTlsOnly(),
            new NoSharedCipher(),
            new TlsInspectionSuspected(),
            new CertificateExpired(),
            new CertificateNotYetValid(),
            new HostnameMismatch(),
            new UntrustedCertificate(),
            new ClientCertificateRejected(),
            new ClientCertificateRequired(),
            new ConnectionResetDuringHandshake());

    private Rules() {
    }
}
