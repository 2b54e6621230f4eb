package io.lifeboat.agent.protect;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The index of each path among a record's items, in one int array (open addressing, linear
 * probing): a {@code HashMap} of a tree's 47,000 paths was a node and a boxed index per path, made
 * by a fresh agent before its walk began. Immutable once built, so the walk's threads look paths up
 * at once; a path given twice is found at its last index, as a map's put would leave it.
 *
 * <p>The slots follow {@link String#hashCode}, whose collisions anyone can make ("Aa" and "BB" hash
 * alike, so do the 2^16 names made of 16 such pairs): a user who can create files in a protected
 * folder could otherwise line thousands of paths up on one probe sequence and make each pass's
 * load and lookups quadratic. A {@code HashMap} answers that by turning a long chain into a tree;
 * here a probe longer than {@link #MAX_PROBE} makes the index give up its slots for the paths'
 * indexes sorted by path, looked up by binary search: logarithmic, whatever the names.
 */
final class PathIndex {
    /** Far beyond what a table at most two-thirds full meets by chance (a few steps on average). */
    static final int MAX_PROBE = 64;

    private final String[] paths;
    /** Index + 1 of the path whose hash led here, 0 for an empty slot; null once {@link #sorted} is used. */
    private final int[] slots;
    private final int mask;
    /** The indexes ordered by path, then by index; null while the slots serve. */
    private final int[] sorted;

    PathIndex(String[] paths) {
        this.paths = paths;
        int capacity = 4;
        while (capacity < paths.length + paths.length / 2 + 1) {
            capacity <<= 1;
        }
        int[] table = new int[capacity];
        mask = capacity - 1;
        boolean flooded = false;
        for (int i = 0; i < paths.length && !flooded; i++) {
            int s = slot(table, paths[i]);
            if (s < 0) {
                flooded = true;
            } else {
                table[s] = i + 1;
            }
        }
        slots = flooded ? null : table;
        sorted = flooded ? bySortedPath(paths) : null;
    }

    /** The index of {@code path}, or -1. */
    int find(String path) {
        if (slots != null) {
            int s = slot(slots, path);
            return s < 0 ? -1 : slots[s] - 1; // past MAX_PROBE the path is not held: each was placed within it
        }
        int lo = 0;
        int hi = sorted.length - 1;
        int found = -1;
        while (lo <= hi) { // the last of equal paths: the highest index, as with the slots
            int mid = (lo + hi) >>> 1;
            int c = paths[sorted[mid]].compareTo(path);
            if (c <= 0) {
                if (c == 0) {
                    found = sorted[mid];
                }
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Whether the index fell back to its sorted form (tests). */
    boolean sortedFallback() {
        return sorted != null;
    }

    /** The slot of {@code path}: its own when it is held, else the empty one it would take; -1 past {@link #MAX_PROBE}. */
    private int slot(int[] table, String path) {
        int h = path.hashCode();
        int s = (h ^ (h >>> 16)) & mask;
        for (int step = 0; table[s] != 0 && !same(paths[table[s] - 1], h, path); step++) {
            if (step == MAX_PROBE) {
                return -1;
            }
            s = (s + 1) & mask;
        }
        return s;
    }

    /**
     * Whether {@code held} is {@code path}, whose hash is {@code h}: the hashes first (a held path's
     * is cached in it from when it was placed), so a probe past another path costs an int compare,
     * not a walk along two paths that share their folders' prefix and length up to their last
     * characters; equal hashes still compare the characters.
     */
    private static boolean same(String held, int h, String path) {
        return held.hashCode() == h && held.equals(path);
    }

    private static int[] bySortedPath(String[] paths) {
        Integer[] order = new Integer[paths.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer, String>comparing(i -> paths[i]).thenComparingInt(i -> i));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
