package io.lifeboat.plan;

/**
 * One thing wrong with a plan.
 *
 * @param where the JSON path ({@code $.groups[1].steps[0].machine}) or "line L, column C"
 * @param kind  what is wrong, from a closed list
 * @param message one line, naming the value
 */
public record PlanProblem(String where, Kind kind, String message) {
    /** The problems a plan can have. */
    public enum Kind {
        SYNTAX, SCHEMA, UNKNOWN_MACHINE, MISSING_TARGET, DUPLICATE_TARGET, DUPLICATE_GROUP, UNKNOWN_GROUP, CYCLE
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
