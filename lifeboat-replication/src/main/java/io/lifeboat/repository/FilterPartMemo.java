package io.lifeboat.repository;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Block filter parts already read and checked during one sweep, so that a point's filter asked twice
 * in it (by {@link Sweep}'s release of its machine's blocks, then by {@link PackTally#whole}'s look for
 * blocks no machine owns) is fetched from the store once: on Azure Blob a GET and 4 bytes a block.
 * A part's name carries the SHA-256 of its bytes, checked when it was read, so the part held under a
 * name is what any later read of that name would give. Parts are held up to a budget of bytes (the
 * size of their files, about what they take decoded); one past it is not held and is read again when
 * asked. The memo lives for one sweep ({@link ManifestStore#remember}).
 */
final class FilterPartMemo {
    private final Map<String, BlockFilter> parts = new ConcurrentHashMap<>();
    private final AtomicLong room;

    FilterPartMemo(long budgetBytes) {
        this.room = new AtomicLong(budgetBytes);
    }

    /** The part read before under {@code file} ({@code machine/name}), or null. */
    BlockFilter get(String file) {
        return parts.get(file);
    }

    /** Holds a part read whole and checked, if its {@code bytes} fit in what is left of the budget. */
    void keep(String file, BlockFilter part, long bytes) {
        if (room.addAndGet(-bytes) >= 0) {
            parts.put(file, part);
        } else {
            room.addAndGet(bytes);
        }
    }

    /** How many parts are held (for tests). */
    int size() {
        return parts.size();
    }
}
