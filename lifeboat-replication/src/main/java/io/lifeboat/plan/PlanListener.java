package io.lifeboat.plan;

/** Progress of a plan run: each step as it starts and ends; no-op defaults. Called from several threads. */
public interface PlanListener {
    PlanListener NONE = new PlanListener() {
    };

    /** A step starts: its name as the report gives it. */
    default void started(String step) {
    }

    default void finished(StepReport step) {
    }

    /** A failover step goes on past something it could not make as safe as it should (the message says what). */
    default void warning(String step, String message) {
    }
}
