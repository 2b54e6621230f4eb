package io.lifeboat.readiness.report;

import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import java.util.List;

/**
 * The verdict on one machine, from the required rules only ({@code Rule#required()}): a FAIL among them
 * is NOT READY (something must change on the machine), else an UNKNOWN among them is INCOMPLETE (the
 * input cannot decide; the report names what to give), else READY. Hardening WARNs never change it.
 */
public enum Verdict {
    READY("READY"),
    NOT_READY("NOT READY"),
    INCOMPLETE("INCOMPLETE");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** As printed: "READY", "NOT READY", "INCOMPLETE". */
    public String label() {
        return label;
    }

    public static Verdict of(List<RuleResult> results) {
        if (results.stream().anyMatch(r -> r.required() && r.status() == Status.FAIL)) {
            return NOT_READY;
        }
        if (results.stream().anyMatch(r -> r.required() && r.status() == Status.UNKNOWN)) {
            return INCOMPLETE;
        }
        return READY;
    }
}
