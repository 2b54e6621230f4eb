package io.lifeboat.agent.protect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds paths among the last point's items while a new list of the same tree is walked in the same
 * path order: the next path is almost always the item after the one found last, so that one is
 * looked at first, and a map of every path is made only at the first path out of step (a file
 * added or removed). Used to compare a new point with the last one without a map per pass
 * ({@link PreviousPoint#changesTo}, {@link LastPointCodec#segment}).
 */
final class InStepPaths {
    private final List<LastPoint.Item> old;
    private Map<String, Integer> index;
    private int expected;

    InStepPaths(List<LastPoint.Item> old) {
        this.old = old;
    }

    /** The index of {@code path} among the last point's items, or -1; the next call expects the item after it. */
    int find(String path) {
        int was;
        if (expected < old.size() && old.get(expected).entry().path().equals(path)) {
            was = expected;
        } else {
            if (index == null) {
                index = new HashMap<>(old.size() * 4 / 3 + 16);
                for (int k = 0; k < old.size(); k++) {
                    index.put(old.get(k).entry().path(), k);
                }
            }
            was = index.getOrDefault(path, -1);
        }
        if (was >= 0) {
            expected = was + 1;
        }
        return was;
    }
}
