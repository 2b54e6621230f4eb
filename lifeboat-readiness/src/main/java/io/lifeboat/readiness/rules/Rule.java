package io.lifeboat.readiness.rules;

import java.util.List;

/**
 * One readiness rule, one file (zlint's shape): a stable id, the Microsoft page or KB it follows,
 * {@link #appliesTo} and {@link #evaluate}. A rule reads the {@link Machine} only; it never throws
 * for a missing or odd value: that is evidence, and the verdict is one of {@link Status}.
 */
public interface Rule {
    String id();

    String title();

    /** The Microsoft documentation page or KB article the rule follows. */
    String citation();

    /**
     * True for the rules on the replication path's own requirement list (docs/readiness.md, "What
     * ready means"): only they decide READY / NOT READY / INCOMPLETE, and only their edits go into the
     * default fix. The others are hardening or a component's own need: they WARN, never FAIL.
     */
    default boolean required() {
        return false;
    }

    /** False for rules whose fix is an action (an update to install), not a registry setting. */
    default boolean registryRule() {
        return true;
    }

    /** False gives NOT_APPLICABLE without evaluating (an OS or a component the rule does not concern). */
    boolean appliesTo(Machine machine);

    RuleResult evaluate(Machine machine);

    default RuleResult result(Status status, String summary, List<Evidence> evidence, Fix fix) {
        return new RuleResult(id(), title(), citation(), required(), status, summary, evidence, fix, "");
    }

    /** UNKNOWN, naming the input that would decide it ("give the SOFTWARE hive"). */
    default RuleResult unknown(String summary, List<Evidence> evidence, Fix fix, String missingInput) {
        return new RuleResult(id(), title(), citation(), required(), Status.UNKNOWN, summary, evidence, fix, missingInput);
    }
}
