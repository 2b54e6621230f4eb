package io.lifeboat.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process's sweeps have left for later ones, so that a sweep after a dropped point may look
 * at the packs of the blocks it released rather than walk every indexed block ({@link Sweep}). In
 * memory only: a restarted vault, which cannot know what a crashed run left between its steps (blocks
 * released on disk whose packs were never looked at), walks whole first.
 *
 * <p>A bounded sweep is allowed only after a whole walk has run to its end in this process and every
 * sweep since has too (a sweep that threw may have released blocks and not looked at their packs),
 * and within {@link #WHOLE_WALK_EVERY} of that walk: the walk also finds what no release pointed at (a
 * pack whose blocks were all indexed in another one, as two uploads of one block that crossed may
 * leave). Packs a sweep looked at and could not finish (a repack that did not fit, a damaged pack, an
 * index file that could not be read) are kept here and looked at by the next sweep, and owed again
 * by it while still not done.
 * Used under the repository's exclusive lock, one run at a time ({@link RetentionQueue}).
 */
final class SweepBacklog {
    /** How long bounded sweeps may follow a whole walk before the next one walks whole again. */
    static final Duration WHOLE_WALK_EVERY = Duration.ofHours(1);

    /** When the last whole walk ended, or null: none since the open, or a sweep since did not end. */
    private Instant walkedAt;
    /** The whole walk before the sweep under way (what {@code walkedAt} becomes when a bounded one ends). */
    private Instant lastWalk;
    /** Packs a sweep could not finish, for the next one. */
    private final Set<String> packs = new HashSet<>();
    /** Each pack's live and dead bytes since the last whole walk: which packs a bounded sweep reads. */
    final PackCounts counts = new PackCounts();
    /**
     * On a store several nodes share: the block filter parts sweeps read, kept for the next ones (every
     * sweep there walks whole and asks the kept points again). Up to {@link Sweep#FILTER_MEMO_HEAP_SHARE}
     * of the heap, as one whole walk's memo was; empty, and never filled, on a store of this vault alone.
     */
    final FilterPartMemo parts = new FilterPartMemo(Runtime.getRuntime().maxMemory() / Sweep.FILTER_MEMO_HEAP_SHARE);
    /**
     * On a store several nodes share: the point files this node read (at its open, its refreshes and its
     * sweeps) and its commits created, by
     * {@code machine/id}, kept for the next sweeps ({@link SweepPoints}, which says why that is safe and
     * forgets those of points no longer listed). A few hundred bytes a point; empty on a store of this
     * vault alone. Concurrent: commits (under the shared lock) add to it while others do.
     */
    final Map<String, RepositoryFiles.PointFile> pointFiles = new ConcurrentHashMap<>();

    /** A point file this node read or created on a shared store, for its next sweeps ({@link #pointFiles}). */
    void keepPointFile(RepositoryFiles.PointFile file) {
        pointFiles.put(file.info().machine() + "/" + file.info().id(), file);
    }
    private int wholeWalks;

    /** Whether a sweep starting {@code now} may be bounded (the store's and ownership's own conditions apart). */
    synchronized boolean allowsBound(Instant now) {
        return walkedAt != null && now.isBefore(walkedAt.plus(WHOLE_WALK_EVERY));
    }

    /**
     * A sweep starts: until it ends, the next one walks whole (which looks at every pack, so the packs
     * owed are handed over now and owed again only if this sweep cannot finish them either).
     */
    synchronized Set<String> start() {
        lastWalk = walkedAt;
        walkedAt = null;
        Set<String> owed = new HashSet<>(packs);
        packs.clear();
        return owed;
    }

    /** The sweep ended; {@code whole}: it walked every indexed block, at {@code now}. */
    synchronized void ended(boolean whole, Instant now) {
        walkedAt = whole ? now : lastWalk;
        if (whole) {
            wholeWalks++;
        }
    }

    /** The sweeps of this process that walked every indexed block and ended (for tests and the log). */
    synchronized int wholeWalks() {
        return wholeWalks;
    }

    /** A pack looked at and not finished: the next sweep looks at it again. */
    synchronized void owe(String pack) {
        packs.add(pack);
    }

    /** The packs owed a look (for tests and the log). */
    synchronized Set<String> owed() {
        return new HashSet<>(packs);
    }
}
