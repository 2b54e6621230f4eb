package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link ManifestRules} for a manifest that arrives piece by piece (a {@link ManifestVisitor}), plus
 * the vault's question of every non-zero block: is it stored for this machine? Memory is the first
 * {@link #MISSING_KEPT} missing ids, never the blocks, and, to refuse a path named twice, either
 * nothing or the set of paths: the agent lists a tree depth first with each folder's names sorted, so
 * its paths come in strictly increasing order ({@link #comparePaths}) and a duplicate cannot hide; a
 * check made {@link #expectingOrder} fails with {@link OutOfOrder} at the first path out of that
 * order, and the caller checks again keeping every path.
 *
 * <p>Two modes. {@link #whole}: the whole manifest, from its first chunk to its last, with every rule.
 * {@link #fragment}: one chunk alone, as it arrives: blocks may continue an entry of an earlier chunk
 * and the last entry may go on in the next one, so sizes are checked only for entries that start and
 * end inside it, and the source-kind rules wait for the commit.
 */
public final class ManifestCheck implements ManifestVisitor {
    /** Answers whether a non-zero block is stored for the machine. */
    @FunctionalInterface
    public interface Blocks {
        boolean has(BlockId id);
    }

    /**
     * Ids found stored, remembered in a small direct-mapped table so that a block named again soon
     * (runs of identical blocks in images and trees are common) is not looked up again.
     */
    private static final int SEEN_SLOTS = 4096;

    /** Missing ids kept to name in the refusal; the rest are only counted. */
    static final int MISSING_KEPT = 1000;

    private final SourceKind kind;
    private final int blockSize;
    private final Blocks stored;
    private final boolean whole;
    /** Thrown by a check {@link #expectingOrder} at the first path not after the one before it. */
    public static final class OutOfOrder extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfOrder(String path) {
            super("manifest path \"" + path + "\" is out of order", null, false, false);
        }
    }

    private final Set<String> paths = new HashSet<>();
    private boolean ordered;
    private String previous;
    private Entry current;
    private long sum;
    private long entries;
    private final BlockId[] seen = new BlockId[SEEN_SLOTS];
    private final List<BlockId> missing = new ArrayList<>();
    private long missingCount;
    private String firstMissingPath;

    private ManifestCheck(SourceKind kind, int blockSize, Blocks stored, boolean whole) {
        this.kind = kind;
        this.blockSize = blockSize;
        this.stored = stored;
        this.whole = whole;
    }

    /** Every rule, for a manifest of {@code kind} cut in blocks of {@code blockSize}. */
    public static ManifestCheck whole(SourceKind kind, int blockSize, int maxBlockBytes, Blocks stored) {
        if (kind == null) {
            throw bad("manifest without a source kind");
        }
        if (blockSize <= 0 || blockSize > maxBlockBytes) {
            throw bad("manifest block size " + blockSize + " is outside 1.." + maxBlockBytes);
        }
        return new ManifestCheck(kind, blockSize, stored, true);
    }

    /**
     * This check keeps no set of paths: it expects them in strictly increasing order and throws
     * {@link OutOfOrder} at the first that is not (a duplicate included); then check again without.
     */
    public ManifestCheck expectingOrder() {
        ordered = true;
        return this;
    }

    /**
     * Paths compared segment by segment, each segment as {@link String#compareTo} orders names: the
     * order of a depth-first listing with sorted names. ('/' counts as less than every character.)
     */
    static int comparePaths(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** The rules one chunk can be held to on its own; blocks up to {@code maxBlockBytes}. */
    public static ManifestCheck fragment(int maxBlockBytes, Blocks stored) {
        return new ManifestCheck(null, maxBlockBytes, stored, false);
    }

    @Override
    public void entry(Entry e) {
        endEntry();
        if (whole && kind != SourceKind.DIRECTORY && (entries > 0 || e.type() != EntryType.FILE || !e.path().isEmpty())) {
            throw bad("a " + kind + " manifest must hold exactly one FILE entry with path \"\"");
        }
        ManifestRules.checkPath(e.path(), kind != SourceKind.DIRECTORY || e.type() == EntryType.DIRECTORY);
        if (e.size() < 0) {
            throw bad("manifest entry \"" + e.path() + "\" has a negative size");
        }
        if (e.type() == EntryType.SYMLINK
                && (e.linkTarget() == null || e.linkTarget().isEmpty() || e.linkTarget().indexOf('\0') >= 0)) {
            throw bad("manifest symlink \"" + e.path() + "\" has no valid target");
        }
        if (ordered) {
            if (previous != null && comparePaths(previous, e.path()) >= 0) {
                throw new OutOfOrder(e.path());
            }
            previous = e.path();
        } else if (!paths.add(e.path())) {
            throw bad("manifest path appears twice: \"" + e.path() + "\"");
        }
        current = e;
        sum = 0;
        entries++;
    }

    @Override
    public void block(BlockId id, int length) {
        add(1, length);
        int slot = id.hashCode() & (SEEN_SLOTS - 1);
        if (id.equals(seen[slot])) {
            return;
        }
        if (stored.has(id)) {
            seen[slot] = id;
        } else {
            if (missing.size() < MISSING_KEPT) {
                missing.add(id);
            }
            if (missingCount++ == 0) {
                firstMissingPath = current == null ? null : current.path();
            }
        }
    }

    @Override
    public void zeros(long count, int length) {
        add(count, length);
    }

    private void add(long count, int length) {
        if (current == null) {
            if (whole) {
                throw bad("manifest lists blocks before its first entry");
            }
            return; // the continuation of an entry from an earlier chunk
        }
        if (current.type() != EntryType.FILE) {
            throw bad("manifest entry \"" + current.path() + "\" is a " + current.type() + " but lists blocks");
        }
        if (length > blockSize) {
            throw bad("manifest entry \"" + current.path() + "\": a block of " + length
                    + " bytes exceeds the block size " + blockSize);
        }
        sum += count * length;
        if (sum > current.size()) {
            throw bad("manifest entry \"" + current.path() + "\": blocks add up to more than its size " + current.size());
        }
    }

    private void endEntry() {
        if (current != null && current.type() == EntryType.FILE && sum != current.size()) {
            throw bad("manifest entry \"" + current.path() + "\": blocks add up to " + sum + " bytes, not its size "
                    + current.size());
        }
    }

    /**
     * Ends the check: the last entry's size (whole mode), then the blocks.
     *
     * @throws MissingBlocksException naming the first block that is not stored, with how many are not
     * @throws LifeboatException      of kind USAGE naming the first broken rule
     */
    public void finish(String machine) {
        if (whole) {
            endEntry();
            if (kind != SourceKind.DIRECTORY && entries != 1) {
                throw bad("a " + kind + " manifest must hold exactly one FILE entry with path \"\"");
            }
        }
        if (missingCount > 0) {
            throw new MissingBlocksException(machine, firstMissingPath, missing, missingCount);
        }
    }

    private static LifeboatException bad(String message) {
        return new LifeboatException(LifeboatException.Kind.USAGE, message);
    }
}
