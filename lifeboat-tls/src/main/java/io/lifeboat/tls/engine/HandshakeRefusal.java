package io.lifeboat.tls.engine;

import io.lifeboat.tls.diagnosis.Classifier;
import io.lifeboat.tls.diagnosis.Diagnosis;
import java.util.Optional;

/**
 * A server-side handshake that failed, with what the client offered.
 *
 * @param remote  the peer's address, e.g. "/127.0.0.1:51428"
 * @param offered the versions read from the ClientHello; empty when none could be read
 * @param cause   the engine's reason, one line
 */
public record HandshakeRefusal(String remote, Optional<OfferedVersions> offered, String cause) {

    /** True when the client offered nothing at or above TLS 1.2. */
    public boolean oldProtocol() {
        return offered.map(OfferedVersions::belowTls12).orElse(false);
    }

    /** The cause the shared classifier names for this refusal, if any. */
    public Optional<Diagnosis> diagnosis() {
        return Classifier.classifyRefusal(this);
    }

    /** The advice for the operator (the classifier's fix, else a pointer to the doctor). */
    public String fix() {
        return diagnosis().map(Diagnosis::fix).orElse("run `lifeboat doctor` from the client to see why");
    }

    /** The one line the vault logs; it starts with the cause id when the classifier names one. */
    public String logLine() {
        String what = oldProtocol() ? "refused a client that offers only " + offered.get().highestName()
                : "TLS handshake failed";
        return "[tls-refused] " + diagnosis().map(d -> d.cause() + ": ").orElse("") + what + ": remote=" + remote
                + " offered=" + offered.map(OfferedVersions::describe).orElse("unknown")
                + " cause=" + cause + "; fix: " + fix();
    }
}
