package io.lifeboat.repository;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which machine uploaded which block, and when: per machine a {@link BlockTable} outside the heap from
 * block id to (uploaded, last confirmed present by {@code missing}), both epoch milliseconds, and the
 * names of the machine's ownership files. The files under {@code machines/} are the durable truth; this
 * is rebuilt from them at every open (an id in several files keeps its earliest upload time).
 *
 * <p>The confirmation time lives in the same slot, so it costs no memory and goes when the ownership
 * goes; it is not written to disk (after a restart the upload times alone hold blocks back from pruning).
 */
final class Ownership implements AutoCloseable {
    private static final BlockTable.Value NONE = null;

    private final Path dir;
    private final Map<String, BlockTable> tables = new ConcurrentHashMap<>();
    /** Per machine: its ownership files ("machine/name"). */
    final Map<String, Set<String>> files = new ConcurrentHashMap<>();

    Ownership(Path dir) {
        this.dir = dir;
    }

    /** The machines that own blocks, or did at open. */
    Set<String> machines() {
        return new HashSet<>(tables.keySet());
    }

    boolean owns(String machine, BlockId id) {
        BlockTable t = tables.get(machine);
        return t != null && t.contains(id);
    }

    boolean ownedByAny(BlockId id) {
        for (BlockTable t : tables.values()) {
            if (t.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** Makes the machine known (an ownership file of no blocks still names it). */
    void add(String machine) {
        table(machine);
    }

    /** The machine now owns these blocks, uploaded at {@code millis} (a confirmation time is kept). */
    void record(String machine, Collection<BlockId> ids, long millis) {
        BlockTable t = table(machine);
        BlockTable.Value v = new BlockTable.Value(millis, 0, 0);
        for (BlockId id : ids) {
            t.merge(id, v, (old, given) -> new BlockTable.Value(given.v0(), old.v1(), 0));
        }
    }

    /** A block read from an ownership file at open: the earliest upload time wins. */
    void load(String machine, BlockId id, long millis) {
        table(machine).merge(id, new BlockTable.Value(millis, 0, 0),
                (old, given) -> old.v0() <= given.v0() ? old : new BlockTable.Value(given.v0(), old.v1(), 0));
    }

    /** {@code missing} found the block present for the machine at {@code millis}. */
    void confirm(String machine, BlockId id, long millis) {
        BlockTable t = tables.get(machine);
        if (t != null) {
            t.merge(id, NONE, (old, given) -> new BlockTable.Value(old.v0(), Math.max(old.v1(), millis), 0));
        }
    }

    /** When the machine's block was last confirmed present by {@code missing}, or 0. */
    long confirmedAt(String machine, BlockId id) {
        BlockTable t = tables.get(machine);
        BlockTable.Value v = t == null ? null : t.get(id);
        return v == null ? 0 : v.v1();
    }

    /** Each of the machine's blocks with its (uploaded, confirmed) times; see {@link BlockTable#forEach}. */
    void forEach(String machine, BlockTable.Visitor visitor) {
        BlockTable t = tables.get(machine);
        if (t != null) {
            t.forEach(visitor);
        }
    }

    long count(String machine) {
        BlockTable t = tables.get(machine);
        return t == null ? 0 : t.size();
    }

    /** Releases the machine's blocks {@code test} names, in one pass. */
    void release(String machine, BlockTable.Test test) {
        BlockTable t = tables.get(machine);
        if (t != null) {
            t.removeIf(test);
        }
    }

    void clear() {
        tables.values().forEach(BlockTable::close);
        tables.clear();
        files.clear();
    }

    @Override
    public void close() {
        clear();
    }

    private BlockTable table(String machine) {
        return tables.computeIfAbsent(machine, m -> BlockTable.create(dir, "owned"));
    }
}
