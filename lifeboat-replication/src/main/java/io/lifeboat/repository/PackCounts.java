package io.lifeboat.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Each pack's live and dead bytes as this process last knew them, so that a bounded sweep ({@link
 * Sweep}) reads the {@code index/} file only of the packs it may drop or repack, not of every pack a
 * released block lies in (with changes spread over a disk, nearly every pack: some 500 MB of index
 * files at 4,194,304 blocks). In memory only, and never trusted to delete: a pack these counts call
 * empty or more dead than live is counted again from its index file ({@link PackTally#of}) before the
 * sweep drops or repacks it.
 *
 * <p>Set by a whole walk (every indexed block, {@link PackTally#whole}), which a bounded sweep needs
 * before it in the same process ({@link SweepBacklog}); then moved by the blocks each sweep releases
 * that no machine owns any more, and set again for each pack counted from its index file. A pack not
 * known here (written since the walk) is counted from its index file the first time a sweep releases
 * one of its blocks. What the counts cannot see only makes them err towards a pack kept: a dead block
 * owned again by a new upload leaves its pack's dead bytes too high (the pack is counted again, as
 * above, and corrected); a block whose entry moved to another pack (a repack, a damaged copy
 * replaced) leaves its old pack's live bytes too high (the pack is kept until the next whole walk,
 * at most {@link SweepBacklog#WHOLE_WALK_EVERY} later, frees it).
 * Used under the repository's exclusive lock, one sweep at a time.
 */
final class PackCounts {
    /** Pack → {live bytes, dead bytes}. */
    private final Map<String, long[]> bytes = new HashMap<>();

    /** What a whole walk counted: every pack's bytes, replacing all that was known. */
    void reset(Map<String, long[]> counted) {
        bytes.clear();
        counted.forEach(this::counted);
    }

    /** A pack counted from its index file: its bytes as counted. */
    void counted(String pack, long[] liveDead) {
        bytes.put(pack, new long[] {liveDead[0], liveDead[1]});
    }

    /** A block of {@code stored} bytes in {@code pack} that no machine owns any more (released once). */
    void released(String pack, long stored) {
        long[] b = bytes.get(pack);
        if (b != null) {
            b[0] -= stored;
            b[1] += stored;
        }
    }

    /**
     * Whether {@code pack} need not be looked at: known, with live bytes left, and no more dead than
     * live. A pack not known, or one the counts would drop or repack, is counted from its index file.
     */
    boolean settled(String pack) {
        long[] b = bytes.get(pack);
        return b != null && b[0] > 0 && b[1] <= b[0];
    }

    /** Packs dropped or repacked: their names may come back with other blocks (a repack's). */
    void forget(Collection<String> packs) {
        packs.forEach(bytes::remove);
    }

    /** The pack's {live, dead} bytes as known, or null (for tests). */
    long[] of(String pack) {
        long[] b = bytes.get(pack);
        return b == null ? null : b.clone();
    }
}
