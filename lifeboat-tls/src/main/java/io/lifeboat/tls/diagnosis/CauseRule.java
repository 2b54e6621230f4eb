package io.lifeboat.tls.diagnosis;

import java.util.Optional;

/**
 * One cause, one rule (as zlint lints): it reads the evidence and either names its cause with the
 * evidence and the fix, or stays silent. Rules are pure and never throw for odd evidence.
 */
public interface CauseRule {

    /** The cause this rule names. */
    CauseId id();

    /** The diagnosis when the evidence shows this cause, else empty. */
    Optional<Diagnosis> evaluate(ConnectionEvidence evidence);
}
