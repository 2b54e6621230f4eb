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
 * too, it chose another). The same holds for TLS 1.3 with a hello offering every TLS 1.3 suite (a
 * TLS 1.3-only server that wants TLS_AES_128_CCM_SHA256, say). A failed or absent wide probe proves
 * nothing, so the rule stays silent; and the advice is for the version both speak: a TLS 1.3-only
 * server never gets TLS 1.2 cipher advice.
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
        var wide13 = e.tls13AllSuitesProbe();
        boolean tls13TookOtherSuite = !commonTls12 && wide13 != null && wide13.accepted()
                && wide13.version() == ProtocolVersion.TLS_1_3 && e.offered().contains(ProtocolVersion.TLS_1_3)
                && CipherSuite.fromId(wide13.suiteId()).map(s -> !TlsPolicy.TLS12_PLUS.tls13Suites().contains(s)).orElse(true);
        if (refusedHello && tls13TookOtherSuite) {
            return Optional.of(tls13(e, wide13));
        }
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

    private Diagnosis tls13(ConnectionEvidence e, io.lifeboat.tls.diagnosis.HelloProbeResult wide13) {
        List<String> ev = new ArrayList<>();
        ev.add("our TLS 1.3 ClientHello with the TLS12_PLUS suites (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,"
                + " TLS_CHACHA20_POLY1305_SHA256) was refused before any certificate: " + Handshake.outcome(e));
        if (e.tls12AllSuitesProbe() != null) {
            ev.add(e.tls12AllSuitesProbe().describe());
        }
        ev.add(wide13.describe());
        ev.add(wide13.suiteName() + " is not one of the TLS 1.3 suites of the TLS12_PLUS policy");
        return new Diagnosis(id(), ev, "Both sides speak TLS 1.3, but the server accepts none of its three standard"
                + " suites: enable TLS_AES_128_GCM_SHA256 (and TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256) on"
                + " the server, e.g. `-ciphersuites` / `ssl_conf_command Ciphersuites` for OpenSSL.");
    }

    private static boolean policySuite(int id) {
        return CipherSuite.fromId(id).map(s -> TlsPolicy.TLS12_PLUS.tls12Suites().contains(s)).orElse(false);
    }
}
