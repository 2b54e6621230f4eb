package io.lifeboat.plan;

/** Asks a person at a plan's pause whether to go on. */
@FunctionalInterface
public interface PlanPauses {
    /**
     * @param group the group just finished
     * @param text  what to check, as the plan says
     * @return true to go on, false to stop the plan here
     */
    boolean confirm(String group, String text);
}
