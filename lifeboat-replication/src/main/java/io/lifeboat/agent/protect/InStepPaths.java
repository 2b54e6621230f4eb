package io.lifeboat.agent.protect;

/**
 * Finds paths among the last point's items while a new list of the same tree is walked in the same
 * path order: the next path is almost always the item after the one found last, so that one is
 * looked at first, and the record's {@link PathIndex} is used only for a path out of step (a file
 * added or removed). Used to compare a new point with the last one ({@link PreviousPoint#changesTo},
 * {@link LastPointCodec#segment}).
 */
final class InStepPaths {
    private final LastPoint old;
    private final String[] paths;
    private int expected;

    InStepPaths(LastPoint old) {
        this.old = old;
        this.paths = old.columns().paths();
    }

    /** The index of {@code path} among the last point's items, or -1; the next call expects the item after it. */
    int find(String path) {
        int was = expected < paths.length && paths[expected].equals(path) ? expected : old.index().find(path);
        if (was >= 0) {
            expected = was + 1;
        }
        return was;
    }
}
