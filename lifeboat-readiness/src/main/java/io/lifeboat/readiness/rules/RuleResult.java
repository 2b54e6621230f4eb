package io.lifeboat.readiness.rules;

import java.util.List;

/**
 * One rule's verdict on one machine.
 *
 * @param rule     the rule's stable id
 * @param citation the Microsoft page or KB the rule follows
 * @param required the rule is on the requirement list ({@link Rule#required()})
 * @param summary  one sentence: what was found and what it means
 * @param missing  for UNKNOWN: the input that would decide it ("give the SOFTWARE hive ..."); "" otherwise
 */
public record RuleResult(String rule, String title, String citation, boolean required, Status status, String summary,
        List<Evidence> evidence, Fix fix, String missing) {
    public RuleResult {
        evidence = List.copyOf(evidence);
    }
}
