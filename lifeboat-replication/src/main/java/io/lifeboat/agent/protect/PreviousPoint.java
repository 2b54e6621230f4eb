package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The source's last committed point as the agent recorded it: the entries ({@link LastPoint}) and
 * the blocks ({@link KnownBlocks}) of the same point, put back together. It answers two questions:
 * may a file of a tree be kept without reading it ({@link #unchanged}: its stamp is trusted and
 * equal, and its recorded blocks agree with its size and block count), and what was the point's
 * whole manifest ({@link #manifest}: what the next point is sent as a delta of).
 *
 * <p>Any disagreement between the two records (a file whose block record does not fit its size, a
 * count that differs) makes that file be read, and the whole manifest unknown: a wrong record may
 * cost a read, never give a wrong point.
 */
final class PreviousPoint {
    static final PreviousPoint NONE = new PreviousPoint(null, KnownBlocks.NONE, false);

    private final LastPoint last;
    private final KnownBlocks known;
    private final boolean trustStamps;
    /** The last point's items (columns) and the index of their paths; empty when there is no point. */
    private final LastPointItems items;
    private final PathIndex index;
    /**
     * Entries with their blocks, by item, each put together once: a kept file's entry in the new
     * manifest is the same object as in {@link #manifest}, so comparing the two for the delta costs
     * nothing. Filled by the walk's threads as files are found kept, then by the main thread.
     */
    private final AtomicReferenceArray<Entry> whole;

    /**
     * @param trustStamps whether files may be kept unread this pass (a tree whose last full read is
     *                    recent enough); without it the record still serves {@link #manifest}
     */
    PreviousPoint(LastPoint last, KnownBlocks known, boolean trustStamps) {
        // two records of different points (a crash between writing one and the other): neither tells the point
        this.last = last != null && last.point().equals(known.point()) && last.blockSize() == known.blockSize() ? last : null;
        this.known = known;
        this.trustStamps = trustStamps && this.last != null;
        this.items = this.last == null ? new LastPointItems(0) : this.last.columns();
        this.index = this.last == null ? new PathIndex(new String[0]) : this.last.index();
        this.whole = new AtomicReferenceArray<>(items.size());
    }

    boolean exists() {
        return last != null;
    }

    /** The number of the point's entries; 0 when there is none. */
    int entries() {
        return items.size();
    }

    /** The point's id; null when there is none. */
    String point() {
        return last == null ? null : last.point();
    }

    /** When the last pass that read every file started (epoch ms). */
    long fullReadMillis() {
        return last == null ? 0 : last.fullReadMillis();
    }

    /**
     * The bytes of the point's regular files (-1 when there is no point): the next pass's progress
     * estimate for a tree, instead of a walk of the whole tree that stats every file once more.
     */
    long sourceBytes() {
        if (last == null) {
            return -1;
        }
        long bytes = 0;
        for (int i = 0; i < items.size(); i++) {
            bytes += items.type(i) == EntryType.FILE ? items.entrySize(i) : 0;
        }
        return bytes;
    }

    boolean trustsStamps() {
        return trustStamps;
    }

    /**
     * The entry, blocks included, of the regular file {@code path} as the last point holds it, when
     * {@code now} (the file's stamp taken by this pass) equals the trusted stamp recorded for it;
     * else null (read the file).
     */
    Entry unchanged(String path, FileStamp now) {
        if (!trustStamps || now == null) {
            return null;
        }
        int i = index.find(path);
        if (i < 0 || items.type(i) != EntryType.FILE || !items.stampEquals(i, now)) {
            return null;
        }
        if (items.entrySize(i) != now.size() || items.mtimeNanos(i) != now.mtimeNanos() || items.mode(i) != now.mode()) {
            return null; // the entry and its stamp disagree (LastPoint.of never writes that): read the file
        }
        return whole(i);
    }

    /** Item {@code i}'s entry with its blocks (made once, then shared); null when the block record does not fit it. */
    private Entry whole(int i) {
        Entry made = whole.get(i);
        if (made != null) {
            return made;
        }
        List<BlockRef> blocks = items.type(i) == EntryType.FILE ? blocks(i) : List.of();
        if (blocks == null) {
            return null;
        }
        made = items.entry(i, blocks);
        return whole.compareAndSet(i, null, made) ? made : whole.get(i); // one object per item, whoever made it first
    }

    /** The block record of file {@code path} (carried into the next record when the file is kept). */
    KnownBlocks.File file(String path) {
        return known.file(path);
    }

    /** The last point's whole manifest; null when there is none or the records do not agree. */
    Manifest manifest(String source, SourceKind kind) {
        if (last == null || !last.source().equals(source)) {
            return null;
        }
        List<Entry> entries = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Entry e = whole(i);
            if (e == null) {
                return null;
            }
            entries.add(e);
        }
        return new Manifest(Manifest.FORMAT_VERSION, source, kind, last.blockSize(), entries);
    }

    /** A tree's changes from the last point: entries added or changed (in the new order), paths removed (in the old). */
    record TreeChanges(List<Entry> changed, List<String> removed) {
    }

    /**
     * What changed from the last point to {@code child}, a manifest of the same tree: the entries of
     * {@code child} that are new or differ from the last point's (blocks included), and the last
     * point's paths {@code child} lacks, as {@link io.lifeboat.repository.ManifestDelta#between}
     * finds them from the whole manifest ({@link #manifest}), which this does not build. Both
     * manifests are in the same path order, so the two are walked in step (a map of paths is made
     * only at the first path out of step), and a file kept unread is the last point's own entry,
     * equal by identity. Null when {@link #manifest} would be: no point, another source or block
     * size, or a file whose block record does not fit its entry.
     */
    TreeChanges changesTo(Manifest child) {
        if (last == null || !last.source().equals(child.source()) || last.blockSize() != child.blockSize()) {
            return null;
        }
        boolean[] matched = new boolean[items.size()];
        InStepPaths paths = new InStepPaths(last);
        List<Entry> changed = new ArrayList<>();
        for (Entry e : child.entries()) {
            int was = paths.find(e.path());
            if (was < 0 || matched[was]) {
                changed.add(e); // new (or a path given twice, which the delta's own check refuses)
                continue;
            }
            matched[was] = true;
            Entry before = whole(was);
            if (before == null) {
                return null;
            }
            if (before != e && !same(e, before)) {
                changed.add(e);
            }
        }
        List<String> removed = new ArrayList<>();
        for (int k = 0; k < matched.length; k++) {
            if (!matched[k]) {
                if (whole(k) == null) {
                    return null; // as the whole manifest would be: unknown when any file's record does not fit
                }
                removed.add(items.path(k));
            }
        }
        return new TreeChanges(changed, removed);
    }

    /**
     * Whether two entries are equal, field by field, as {@link Entry#equals} says: that one is a
     * record's generated {@code equals}, a method handle per call that a fresh agent runs before the
     * JIT has compiled it, and a tree's delta compares every folder and symlink (7,000 in the bench's
     * tree) with its new entry, which the walk made anew (a kept file's is the same object).
     */
    static boolean same(Entry a, Entry b) {
        if (a.type() != b.type() || a.mode() != b.mode() || a.mtimeNanos() != b.mtimeNanos() || a.size() != b.size()
                || !a.path().equals(b.path()) || !Objects.equals(a.linkTarget(), b.linkTarget())
                || a.blocks().size() != b.blocks().size()) {
            return false;
        }
        for (int i = 0; i < a.blocks().size(); i++) {
            BlockRef x = a.blocks().get(i);
            BlockRef y = b.blocks().get(i);
            if (x.length() != y.length() || !Objects.equals(x.id(), y.id())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file's blocks from the block record: position i of a file of {@code size} bytes is a block
     * of min(blockSize, size - i * blockSize) bytes, recorded with its id unless all zeros. Null when
     * the record does not fit (more positions than the size has, a length that differs, another
     * count of non-zero blocks than the entry had).
     */
    private List<BlockRef> blocks(int item) {
        long size = items.entrySize(item);
        int bs = last.blockSize();
        long positions = size == 0 ? 0 : (size - 1) / bs + 1;
        KnownBlocks.File f = known.file(items.path(item));
        if (positions > KnownBlocks.MAX_BLOCKS_PER_FILE || f.blocks() > positions) {
            return null;
        }
        List<BlockRef> blocks = new ArrayList<>((int) positions);
        long nonZero = 0;
        for (int i = 0; i < positions; i++) {
            int length = (int) Math.min(bs, size - (long) i * bs);
            int recorded = i < f.blocks() ? f.lengths()[i] : 0;
            if (recorded == 0) {
                blocks.add(BlockRef.zero(length));
            } else if (recorded != length) {
                return null;
            } else {
                blocks.add(new BlockRef(f.id(i), length));
                nonZero++;
            }
        }
        return nonZero == items.nonZeroBlocks(item) ? blocks : null;
    }
}
