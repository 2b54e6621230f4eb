package io.lifeboat.agent.protect;

/**
 * The index of each path among a record's items, in one int array (open addressing, linear
 * probing): a {@code HashMap} of a tree's 47,000 paths was a node and a boxed index per path, made
 * by a fresh agent before its walk began. Immutable once built, so the walk's threads look paths up
 * at once; a path given twice is found at its last index, as a map's put would leave it.
 */
final class PathIndex {
    private final String[] paths;
    /** Index + 1 of the path whose hash led here, 0 for an empty slot; a power of two long, at most 2/3 full. */
    private final int[] slots;
    private final int mask;

    PathIndex(String[] paths) {
        this.paths = paths;
        int capacity = 4;
        while (capacity < paths.length + paths.length / 2 + 1) {
            capacity <<= 1;
        }
        slots = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < paths.length; i++) {
            int s = slot(paths[i]);
            slots[s] = i + 1;
        }
    }

    /** The index of {@code path}, or -1. */
    int find(String path) {
        return slots[slot(path)] - 1;
    }

    /** The slot of {@code path}: its own when it is held, else the empty one it would take. */
    private int slot(String path) {
        int h = path.hashCode();
        int s = (h ^ (h >>> 16)) & mask;
        while (slots[s] != 0 && !paths[slots[s] - 1].equals(path)) {
            s = (s + 1) & mask;
        }
        return s;
    }
}
