package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.CauseRule;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Facts;
import io.lifeboat.tls.diagnosis.TlsAlert;
import io.lifeboat.tls.diagnosis.TransportEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server speaks TLS 1.2 but no suite of the policy: it refused our hello before sending a
 * certificate (alert handshake_failure or insufficient_security, or an old stack's reset), and a
 * hello offering every suite shows which one it wants.
 */
final class NoSharedCipher implements CauseRule {
    @Override
    public CauseId id() {
        return CauseId.NO_SHARED_CIPHER;
    }

    @Override
    public Optional<Diagnosis> evaluate(ConnectionEvidence e) {
        if (e.handshakeCompleted() || e.serverCertificate() != null || e.clientCertificateRequested()) {
            return Optional.empty();
        }
        boolean refusedHello = e.alertReceived() == TlsAlert.HANDSHAKE_FAILURE
                || e.alertReceived() == TlsAlert.INSUFFICIENT_SECURITY;
        boolean closed = e.transportEnd() == TransportEnd.RESET || e.transportEnd() == TransportEnd.EOF;
        var wide = e.tls12AllSuitesProbe();
        boolean wideTookWeakSuite = wide != null && wide.accepted() && !policySuite(wide.suiteId());
        if (!(refusedHello && (wide == null || wideTookWeakSuite || !wide.accepted())) && !(closed && wideTookWeakSuite)) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add("our ClientHello offering " + Facts.offered(e) + " with the TLS12_PLUS suites (ECDHE with AES-GCM or"
                + " ChaCha20-Poly1305) was refused before any certificate: " + Handshake.outcome(e));
        if (wide != null) {
            ev.add(wide.describe());
        }
        if (wideTookWeakSuite) {
            ev.add(wide.suiteName() + " is not allowed by the TLS12_PLUS policy (no forward secrecy or no AEAD)");
        }
        return Optional.of(new Diagnosis(id(), ev,
                "Enable at least one ECDHE suite with AES-GCM or ChaCha20-Poly1305 on the server (for example"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). On a Windows server the suite list is the"
                        + " SSL Cipher Suite Order policy: " + Facts.WINDOWS_TLS12 + "."));
    }

    private static boolean policySuite(int id) {
        return CipherSuite.fromId(id).map(s -> TlsPolicy.TLS12_PLUS.tls12Suites().contains(s)).orElse(false);
    }
}
