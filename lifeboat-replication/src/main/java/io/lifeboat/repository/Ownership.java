package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException.Kind;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which machine uploaded which block, and when: per machine a {@link BlockTable} outside the heap from
 * block id to (uploaded, last confirmed present by {@code missing}), both epoch milliseconds, and the
 * names of the machine's ownership files. The files under {@code machines/} are the durable truth; this
 * is rebuilt from them at every open (an id in several files keeps its earliest upload time).
 *
 * <p>The confirmation time lives in the same slot, so it costs no memory and goes when the ownership
 * goes; it is not written to disk (after a restart the upload times alone hold blocks back from pruning).
 *
 * <p>A partial open for a failover ({@link RepositoryOptions#onlyMachines}) loads the tables of the
 * machines it restores only. Every question about another machine's blocks then fails naming the
 * machine, since answering from a table that was never loaded would say "no blocks"; and "is this
 * block owned by anyone" fails whatever the block, since the machines not loaded might own it.
 */
final class Ownership implements AutoCloseable {
    private static final BlockTable.Value NONE = null;

    private final Path dir;
    private final Map<String, BlockTable> tables = new ConcurrentHashMap<>();
    /** Per machine: its ownership files ("machine/name"). */
    final Map<String, Set<String>> files = new ConcurrentHashMap<>();
    /** The machines whose records are loaded, or null for every machine (a whole open). */
    private final Set<String> only;
    /** A partial open: the machines that have ownership files but were not loaded. */
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    /** Where the repository lies, for the message of a refused question. */
    private final String location;
    /** False once an ownership record could not be read (at open or a refresh): see {@link #whole}. */
    private volatile boolean whole = true;

    Ownership(Path dir) {
        this(dir, null, "");
    }

    /** {@code only}: the machines to load (a partial, read-only open), or null for all. */
    Ownership(Path dir, Set<String> only, String location) {
        this.dir = dir;
        this.only = only;
        this.location = location;
    }

    /** True when {@code machine}'s ownership records are to be loaded (always, unless the open is partial). */
    boolean loads(String machine) {
        return only == null || only.contains(machine);
    }

    /** A partial open: {@code machine} has ownership files that were deliberately not read. */
    void skip(String machine) {
        skipped.add(machine);
    }

    /** The machines that own blocks, or did at open (on a partial open, those not loaded too). */
    Set<String> machines() {
        Set<String> all = new HashSet<>(tables.keySet());
        all.addAll(skipped);
        return all;
    }

    boolean owns(String machine, BlockId id) {
        BlockTable t = loaded(machine);
        return t != null && t.contains(id);
    }

    boolean ownedByAny(BlockId id) {
        if (only != null) {
            throw notLoaded("cannot tell whether any machine owns block " + id, "");
        }
        for (BlockTable t : tables.values()) {
            if (t.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every ownership record there was has been read. Then a block some point names is owned by
     * that point's machine (a commit names only blocks its machine owns, and a sweep releases only blocks
     * none of the machine's points names), so a block no machine owns is named by no point, and the
     * sweep need not look for it in the manifests.
     */
    boolean whole() {
        return whole && skipped.isEmpty(); // a partial open (read-only today) did not read every record either
    }

    /** A record could not be read: the blocks it names may be named by points and owned by no machine. */
    void unreadRecord() {
        whole = false;
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

    /** The blocks of an ownership file read at open (the machine becomes known): the earliest upload time wins. */
    void load(String machine, OwnershipCodec.OwnedBlocks blocks) {
        BlockTable t = table(machine);
        for (int i = 0; i < blocks.count(); i++) {
            t.merge(blocks.ids()[i], new BlockTable.Value(blocks.uploaded()[i], 0, 0),
                    (old, given) -> old.v0() <= given.v0() ? old : new BlockTable.Value(given.v0(), old.v1(), 0));
        }
    }

    /** {@code missing} found the block present for the machine at {@code millis}. */
    void confirm(String machine, BlockId id, long millis) {
        BlockTable t = loaded(machine);
        if (t != null) {
            t.merge(id, NONE, (old, given) -> new BlockTable.Value(old.v0(), Math.max(old.v1(), millis), 0));
        }
    }

    /** When the machine's block was last confirmed present by {@code missing}, or 0. */
    long confirmedAt(String machine, BlockId id) {
        BlockTable t = loaded(machine);
        BlockTable.Value v = t == null ? null : t.get(id);
        return v == null ? 0 : v.v1();
    }

    /** Each of the machine's blocks with its (uploaded, confirmed) times; see {@link BlockTable#forEach}. */
    void forEach(String machine, BlockTable.Visitor visitor) {
        BlockTable t = loaded(machine);
        if (t != null) {
            t.forEach(visitor);
        }
    }

    long count(String machine) {
        BlockTable t = loaded(machine);
        return t == null ? 0 : t.size();
    }

    /** Releases the machine's blocks {@code test} names, in one pass. */
    void release(String machine, BlockTable.Test test) {
        BlockTable t = loaded(machine);
        if (t != null) {
            t.removeIf(test);
        }
    }

    void clear() {
        tables.values().forEach(BlockTable::close);
        tables.clear();
        files.clear();
        skipped.clear();
        whole = true; // a reload reads every record again
    }

    @Override
    public void close() {
        clear();
    }

    /**
     * The machine's table, or null when it owns nothing; on a partial open, a machine not loaded is
     * refused by name rather than answered as owning nothing.
     */
    private BlockTable loaded(String machine) {
        if (!loads(machine)) {
            throw notLoaded("machine " + machine + "'s blocks were not loaded",
                    "; open it for " + machine + " to read its blocks");
        }
        return tables.get(machine);
    }

    /** A question a partial open cannot answer: what was asked, why not, and {@code advice}. */
    private RepositoryException notLoaded(String what, String advice) {
        return new RepositoryException(Kind.USAGE, what + ": the repository at " + location + " was opened for machine(s) "
                + new TreeSet<>(only) + " only (a read-only open for a failover)" + advice);
    }

    private BlockTable table(String machine) {
        loaded(machine); // a machine not loaded never gets a table: it would look like one owning nothing
        return tables.computeIfAbsent(machine, m -> BlockTable.create(dir, "owned"));
    }
}
