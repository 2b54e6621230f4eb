package io.lifeboat.readiness.rules;

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

    /** False for rules whose fix is an action (an update to install), not a registry setting. */
    default boolean registryRule() {
        return true;
    }

    /** False gives NOT_APPLICABLE without evaluating (an OS the rule does not concern). */
    boolean appliesTo(Machine machine);

    RuleResult evaluate(Machine machine);

    default RuleResult result(Status status, String summary, java.util.List<Evidence> evidence, Fix fix) {
        return new RuleResult(id(), title(), citation(), status, summary, evidence, fix);
    }
}
