package io.lifeboat.readiness.rules;

import java.util.List;

/**
 * One rule's verdict on one machine.
 *
 * @param rule     the rule's stable id
 * @param citation the Microsoft page or KB the rule follows
 * @param summary  one sentence: what was found and what it means
 */
public record RuleResult(String rule, String title, String citation, Status status, String summary,
        List<Evidence> evidence, Fix fix) {
    public RuleResult {
        evidence = List.copyOf(evidence);
    }
}
