package io.lifeboat.tls.engine;

import io.lifeboat.tls.diagnosis.Classifier;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.TlsAlert;
import java.util.Optional;

/**
 * A server-side handshake that failed, with what the client offered.
 *
 * @param remote  the peer's address, e.g. "/127.0.0.1:51428"
 * @param offered the versions read from the ClientHello; empty when none could be read
 * @param cause   the engine's reason, one line
 * @param peerAlert a fatal alert the client sent in the clear (seen on the wire), if any
 */
public record HandshakeRefusal(String remote, Optional<OfferedVersions> offered, String cause,
        Optional<TlsAlert> peerAlert) {

    public HandshakeRefusal(String remote, Optional<OfferedVersions> offered, String cause) {
        this(remote, offered, cause, Optional.empty());
    }

    /** The failure as the classifier reads it: the alert, and who sent it. */
    public EngineFailure failure() {
        return EngineFailure.of(cause, peerAlert);
    }

    /** True when the client offered nothing at or above TLS 1.2. */
    public boolean oldProtocol() {
        return offered.map(OfferedVersions::belowTls12).orElse(false);
    }

    /** The cause the shared classifier names for this refusal, if any. */
    public Optional<Diagnosis> diagnosis() {
        return Classifier.classifyRefusal(this);
    }

    /** The advice for the operator: the classifier's fix, and the doctor for the client's view. */
    public String fix() {
        return diagnosis().map(d -> d.fix() + " (details: `lifeboat doctor` on the client)")
                .orElse("run `lifeboat doctor` from the client to see why");
    }

    /** The one line the vault logs; {@code diagnosis=CAUSE_ID} when the shared classifier names one. */
    public String logLine() {
        String what = oldProtocol() ? "refused a client that offers only " + offered.get().highestName()
                : "TLS handshake failed";
        return "[tls-refused] " + what + ": remote=" + remote
                + " offered=" + offered.map(OfferedVersions::describe).orElse("unknown")
                + " cause=" + cause + peerAlert.map(a -> " clientAlert=" + a.standardName()).orElse("") + diagnosis().map(d -> " diagnosis=" + d.cause()).orElse("") + "; fix: " + fix();
    }
}
