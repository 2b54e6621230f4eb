package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final Map<String, LastPoint.Item> items;
    /**
     * Entries with their blocks, put together once: a kept file's entry in the new manifest is the
     * same object as in {@link #manifest}, so comparing the two for the delta costs nothing.
     */
    private final Map<String, Entry> whole;

    /**
     * @param trustStamps whether files may be kept unread this pass (a tree whose last full read is
     *                    recent enough); without it the record still serves {@link #manifest}
     */
    PreviousPoint(LastPoint last, KnownBlocks known, boolean trustStamps) {
        // two records of different points (a crash between writing one and the other): neither tells the point
        this.last = last != null && last.point().equals(known.point()) && last.blockSize() == known.blockSize() ? last : null;
        this.known = known;
        this.trustStamps = trustStamps && this.last != null;
        int entries = this.last == null ? 0 : this.last.items().size();
        // sized for every entry at once: growing them entry by entry rehashed 47,000 paths several times
        this.items = new HashMap<>(entries * 4 / 3 + 16);
        this.whole = new java.util.concurrent.ConcurrentHashMap<>(entries + 16); // which adds its own half
        if (this.last != null) {
            this.last.items().forEach(i -> items.put(i.entry().path(), i));
        }
    }

    boolean exists() {
        return last != null;
    }

    /** The number of the point's entries; 0 when there is none. */
    int entries() {
        return last == null ? 0 : last.items().size();
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
        for (LastPoint.Item item : last.items()) {
            bytes += item.entry().type() == EntryType.FILE ? item.entry().size() : 0;
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
        LastPoint.Item item = items.get(path);
        if (item == null || item.stamp() == null || item.entry().type() != EntryType.FILE || !item.stamp().equals(now)) {
            return null;
        }
        Entry e = item.entry();
        if (e.size() != now.size() || e.mtimeNanos() != now.mtimeNanos() || e.mode() != now.mode()) {
            return null; // the entry and its stamp disagree (LastPoint.of never writes that): read the file
        }
        return whole(item);
    }

    /** The item's entry with its blocks (made once, then shared); null when the block record does not fit it. */
    private Entry whole(LastPoint.Item item) {
        Entry e = item.entry();
        if (e.type() != EntryType.FILE) {
            return e;
        }
        Entry made = whole.get(e.path());
        if (made != null) {
            return made;
        }
        List<BlockRef> blocks = blocks(item);
        if (blocks == null) {
            return null;
        }
        made = new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(), blocks);
        whole.put(e.path(), made);
        return made;
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
        List<Entry> entries = new ArrayList<>(last.items().size());
        for (LastPoint.Item item : last.items()) {
            Entry e = whole(item);
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
        List<LastPoint.Item> old = last.items();
        boolean[] matched = new boolean[old.size()];
        InStepPaths paths = new InStepPaths(old);
        List<Entry> changed = new ArrayList<>();
        for (Entry e : child.entries()) {
            int was = paths.find(e.path());
            if (was < 0 || matched[was]) {
                changed.add(e); // new (or a path given twice, which the delta's own check refuses)
                continue;
            }
            matched[was] = true;
            Entry before = whole(old.get(was));
            if (before == null) {
                return null;
            }
            if (before != e && !e.equals(before)) {
                changed.add(e);
            }
        }
        List<String> removed = new ArrayList<>();
        for (int k = 0; k < old.size(); k++) {
            if (!matched[k]) {
                if (whole(old.get(k)) == null) {
                    return null; // as the whole manifest would be: unknown when any file's record does not fit
                }
                removed.add(old.get(k).entry().path());
            }
        }
        return new TreeChanges(changed, removed);
    }

    /**
     * A file's blocks from the block record: position i of a file of {@code size} bytes is a block
     * of min(blockSize, size - i * blockSize) bytes, recorded with its id unless all zeros. Null when
     * the record does not fit (more positions than the size has, a length that differs, another
     * count of non-zero blocks than the entry had).
     */
    private List<BlockRef> blocks(LastPoint.Item item) {
        Entry e = item.entry();
        int bs = last.blockSize();
        long positions = e.size() == 0 ? 0 : (e.size() - 1) / bs + 1;
        KnownBlocks.File f = known.file(e.path());
        if (positions > KnownBlocks.MAX_BLOCKS_PER_FILE || f.blocks() > positions) {
            return null;
        }
        List<BlockRef> blocks = new ArrayList<>((int) positions);
        long nonZero = 0;
        for (int i = 0; i < positions; i++) {
            int length = (int) Math.min(bs, e.size() - (long) i * bs);
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
        return nonZero == item.nonZeroBlocks() ? blocks : null;
    }
}
