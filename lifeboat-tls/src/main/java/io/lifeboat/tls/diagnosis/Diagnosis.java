package io.lifeboat.tls.diagnosis;

import java.util.List;
import java.util.Objects;

/**
 * A named cause of a failed connection: what it is, what was seen, and what to do.
 *
 * @param cause         the stable id
 * @param evidence      what the connection attempt saw that points to this cause, one fact a line
 * @param fix           what to do, in plain words; names {@code lifeboat readiness} where the fix is
 *                      on a Windows host
 * @param likelyCauses  for causes that the evidence cannot pin down (a reset), the possible
 *                      explanations ranked most likely first; empty otherwise
 */
public record Diagnosis(CauseId cause, List<String> evidence, String fix, List<String> likelyCauses) {

    public Diagnosis {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(fix, "fix");
        evidence = List.copyOf(evidence);
        likelyCauses = List.copyOf(likelyCauses);
    }

    public Diagnosis(CauseId cause, List<String> evidence, String fix) {
        this(cause, evidence, fix, List.of());
    }

    public String title() {
        return cause.title();
    }

    /** One line for a log: {@code CAUSE_ID: title. Fix: ...}. */
    public String logLine() {
        return cause + ": " + cause.title() + ". Fix: " + fix;
    }
}
