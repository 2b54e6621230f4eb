package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the agent recorded of a source's last committed point besides its blocks ({@link
 * KnownBlocks}, kept with the same point id): every entry's metadata in manifest order, the number
 * of non-zero blocks of each file (to check the block record against), the {@link FileStamp} of each
 * file of a tree that may be trusted next pass (null for the others), and when the tree was last
 * read whole. With the block record it gives the point's whole manifest back ({@link PreviousPoint}),
 * which is what lets a pass skip unchanged files and send its point as a delta.
 *
 * @param fullReadMillis when the last pass that read every file of the source started (epoch ms)
 */
record LastPoint(String source, String point, int blockSize, long fullReadMillis, List<Item> items) {

    /** One entry of the point, without its blocks; {@code stamp} null where it may not be trusted. */
    record Item(Entry entry, long nonZeroBlocks, FileStamp stamp) {
    }

    LastPoint {
        items = List.copyOf(items);
    }

    /** The same record, of point {@code id}: a pass builds its record before the vault has named its point. */
    LastPoint at(String id) {
        return new LastPoint(source, id, blockSize, fullReadMillis, items);
    }

    /**
     * The record of a pass that read {@code manifest}: every entry without its blocks, and the stamps
     * the walk took of its files, kept only where {@link FileStamp#settledBefore} the pass's start.
     */
    static LastPoint of(Manifest manifest, String point, long fullReadMillis, Map<String, FileStamp> stamps,
            long passStartNanos) {
        List<Item> items = new ArrayList<>(manifest.entries().size());
        for (Entry e : manifest.entries()) {
            long nonZero = 0;
            for (BlockRef b : e.blocks()) {
                nonZero += b.isZero() ? 0 : 1;
            }
            FileStamp s = e.type() == EntryType.FILE ? stamps.get(e.path()) : null;
            if (s != null && (!s.settledBefore(passStartNanos) || s.size() != e.size() || s.mtimeNanos() != e.mtimeNanos()
                    || s.mode() != e.mode())) {
                s = null; // changed around the pass, or while it was read: read it again next time
            }
            items.add(new Item(new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(), List.of()),
                    nonZero, s));
        }
        return new LastPoint(manifest.source(), point, manifest.blockSize(), fullReadMillis, items);
    }
}
