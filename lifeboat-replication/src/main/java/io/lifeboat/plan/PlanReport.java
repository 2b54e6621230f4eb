package io.lifeboat.plan;

import java.util.List;

/**
 * What a plan run did, step by step in the order they ran (a group's failovers in the plan's
 * order, although they ran at once).
 *
 * @param failedStep the first step that failed or stopped the plan; null when it ran through
 */
public record PlanReport(String plan, boolean test, List<String> order, List<StepReport> steps, String failedStep) {
    public PlanReport {
        order = List.copyOf(order);
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return failedStep == null;
    }
}
