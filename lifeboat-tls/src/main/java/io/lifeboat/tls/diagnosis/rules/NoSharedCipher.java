package io.lifeboat.tls.diagnosis.rules;

import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
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
 * Both sides speak TLS 1.2, and the server refused every suite we offer for it. The evidence that
 * proves it, all of it required: our policy hello was refused before any certificate (alert
 * handshake_failure or insufficient_security, or an old stack's reset or close); a TLS 1.2 hello
 * offering every suite WAS accepted at TLS 1.2 (so the version is common and the refusal was about
 * suites); and the suite the server took from that wide offer is outside the policy (offered ours
 * too, it chose another). A failed or absent wide probe proves nothing, so the rule stays silent:
 * a TLS 1.3-only server must not get TLS 1.2 cipher advice.
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
        boolean commonTls12 = wide != null && wide.accepted() && wide.version() == ProtocolVersion.TLS_1_2
                && e.offered().contains(ProtocolVersion.TLS_1_2);
        boolean wideTookWeakSuite = commonTls12 && !policySuite(wide.suiteId());
        if (!((refusedHello || closed) && wideTookWeakSuite)) {
            return Optional.empty();
        }
        List<String> ev = new ArrayList<>();
        ev.add("our ClientHello offering " + Facts.offered(e) + " with the TLS12_PLUS suites (ECDHE with AES-GCM or"
                + " ChaCha20-Poly1305) was refused before any certificate: " + Handshake.outcome(e));
        ev.add(wide.describe());
        ev.add(wide.suiteName() + " is not allowed by the TLS12_PLUS policy (no forward secrecy or no AEAD)");
        return Optional.of(new Diagnosis(id(), ev,
                "Enable at least one ECDHE suite with AES-GCM or ChaCha20-Poly1305 on the server (for example"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256). On a Windows server the suite list is the"
                        + " SSL Cipher Suite Order policy: " + Facts.WINDOWS_TLS12 + "."));
    }

    private static boolean policySuite(int id) {
        return CipherSuite.fromId(id).map(s -> TlsPolicy.TLS12_PLUS.tls12Suites().contains(s)).orElse(false);
    }
}
