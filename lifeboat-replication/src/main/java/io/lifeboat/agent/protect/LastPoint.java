package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the agent recorded of a source's last committed point besides its blocks ({@link
 * KnownBlocks}, kept with the same point id): every entry's metadata in manifest order, the number
 * of non-zero blocks of each file (to check the block record against), the {@link FileStamp} of each
 * file of a tree that may be trusted next pass (none for the others), and when the tree was last
 * read whole. With the block record it gives the point's whole manifest back ({@link PreviousPoint}),
 * which is what lets a pass skip unchanged files and send its point as a delta.
 *
 * <p>The items are held as columns ({@link LastPointItems}), not an object per item: see there.
 * {@link #items} gives them as whole {@link Item}s, made on each call, for the tests and records made
 * by hand.
 */
final class LastPoint {
    private final String source;
    private final String point;
    private final int blockSize;
    /** When the last pass that read every file of the source started (epoch ms). */
    private final long fullReadMillis;
    private final LastPointItems items;
    /** Made once, by the first to ask ({@link #index}); two threads at once make two equal ones. */
    private volatile PathIndex index;

    /** One entry of the point, without its blocks; {@code stamp} null where it may not be trusted. */
    record Item(Entry entry, long nonZeroBlocks, FileStamp stamp) {
    }

    LastPoint(String source, String point, int blockSize, long fullReadMillis, List<Item> items) {
        this(source, point, blockSize, fullReadMillis, LastPointItems.of(items));
    }

    /** A record over {@code items}, which the caller made for it and no longer touches. */
    LastPoint(String source, String point, int blockSize, long fullReadMillis, LastPointItems items) {
        this.source = Objects.requireNonNull(source);
        this.point = Objects.requireNonNull(point);
        this.blockSize = blockSize;
        this.fullReadMillis = fullReadMillis;
        this.items = items;
    }

    String source() {
        return source;
    }

    String point() {
        return point;
    }

    int blockSize() {
        return blockSize;
    }

    long fullReadMillis() {
        return fullReadMillis;
    }

    /** The items as columns, which no one changes. */
    LastPointItems columns() {
        return items;
    }

    int size() {
        return items.size();
    }

    /** The index of each item by its path; made on the first call (the records' reader makes it, on its own thread). */
    PathIndex index() {
        PathIndex made = index;
        if (made == null) {
            made = new PathIndex(items.paths());
            index = made;
        }
        return made;
    }

    /** The items, each made whole when got. */
    List<Item> items() {
        return new AbstractList<>() {
            @Override
            public Item get(int i) {
                return new Item(items.entry(i, List.of()), items.nonZeroBlocks(i), items.stamp(i));
            }

            @Override
            public int size() {
                return items.size();
            }
        };
    }

    /** The same record, of point {@code id}: a pass builds its record before the vault has named its point. */
    LastPoint at(String id) {
        LastPoint same = new LastPoint(source, id, blockSize, fullReadMillis, items);
        same.index = index;
        return same;
    }

    /**
     * The record of a pass that read {@code manifest}: every entry without its blocks, and the stamps
     * the walk took of its files, kept only where {@link FileStamp#settledBefore} the pass's start.
     */
    static LastPoint of(Manifest manifest, String point, long fullReadMillis, Map<String, FileStamp> stamps,
            long passStartNanos) {
        List<Entry> entries = manifest.entries();
        LastPointItems items = new LastPointItems(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long nonZero = 0;
            for (BlockRef b : e.blocks()) {
                nonZero += b.isZero() ? 0 : 1;
            }
            items.set(i, e.path(), e.type().ordinal(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(), nonZero);
            FileStamp s = e.type() == EntryType.FILE ? stamps.get(e.path()) : null;
            if (s != null && s.settledBefore(passStartNanos) && s.size() == e.size() && s.mtimeNanos() == e.mtimeNanos()
                    && s.mode() == e.mode()) {
                items.stamp(i, s); // else changed around the pass, or while it was read: read it again next time
            }
        }
        return new LastPoint(manifest.source(), point, manifest.blockSize(), fullReadMillis, items);
    }

    /** Equal when every field and item is (the tests compare records read back with those written). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LastPoint p && source.equals(p.source) && point.equals(p.point) && blockSize == p.blockSize
                && fullReadMillis == p.fullReadMillis && items().equals(p.items());
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, point, blockSize, fullReadMillis, items());
    }

    @Override
    public String toString() {
        return "LastPoint[" + source + " at " + point + ", " + blockSize + "-byte blocks, read whole at " + fullReadMillis
                + ", " + items() + "]";
    }
}
