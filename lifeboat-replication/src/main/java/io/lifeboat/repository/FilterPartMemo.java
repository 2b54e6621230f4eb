package io.lifeboat.repository;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Block filter parts already read and checked, so that a point's filter asked again is not fetched
 * again from the store: on Azure Blob a GET and 4 bytes a block. Within one sweep a point's filter is
 * asked twice ({@link Sweep}'s release of its machine's blocks, then {@link PackTally#whole}'s look for
 * blocks no machine owns); on a store several nodes share, where every sweep walks whole and asks every
 * kept point of the machine (and, after a dropped point, of every machine), the memo is kept from one
 * sweep to the next ({@link SweepBacklog#parts}), so a kept point's parts are read once while it lives.
 *
 * <p>Why a held part is what a read would give: a part's name carries the SHA-256 of its bytes, checked
 * when it was read, and a file is never rewritten under a name, so the part held under a name is what
 * any later read of that name would give. Holding one never makes a point exist: which points a sweep
 * asks comes from their point files ({@link SweepPoints}), and a part is asked only through a point
 * file that names it. A part whose point is gone is simply not asked again and ages out.
 *
 * <p>Bounded in memory: parts are held up to a budget of bytes (the size of their files, about what they
 * take decoded); a part that does not fit pushes out the least recently asked ones, and a part larger
 * than the whole budget is not held (it is read again when asked).
 */
final class FilterPartMemo {
    /** In access order: the first is the least recently asked. */
    private final LinkedHashMap<String, Held> parts = new LinkedHashMap<>(16, 0.75f, true);
    private final long budget;
    private long used;

    private record Held(BlockFilter part, long bytes) {
    }

    FilterPartMemo(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** The part read before under {@code file} ({@code machine/name}), or null. */
    synchronized BlockFilter get(String file) {
        Held h = parts.get(file);
        return h == null ? null : h.part();
    }

    /**
     * Holds a part read whole and checked, of {@code bytes}, pushing out the least recently asked parts
     * until it fits; one larger than the budget is not held.
     */
    synchronized void keep(String file, BlockFilter part, long bytes) {
        if (bytes > budget) {
            return;
        }
        Held before = parts.remove(file);
        if (before != null) {
            used -= before.bytes();
        }
        for (Iterator<Map.Entry<String, Held>> it = parts.entrySet().iterator(); used + bytes > budget && it.hasNext(); ) {
            used -= it.next().getValue().bytes();
            it.remove();
        }
        parts.put(file, new Held(part, bytes));
        used += bytes;
    }

    /** How many parts are held (for tests). */
    synchronized int size() {
        return parts.size();
    }
}
