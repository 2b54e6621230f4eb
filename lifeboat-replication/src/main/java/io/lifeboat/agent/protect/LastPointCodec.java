package io.lifeboat.agent.protect;

import io.lifeboat.repository.EntryType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file form of {@link LastPoint}, streamed. Big-endian:
 * <pre>
 *   "LBLASTP1"                       magic and format version
 *   int blockSize, UTF source, UTF point, long fullReadMillis, int itemCount
 *   per item: UTF path, byte type, int mode, long mtimeNanos, long size, bool hasLink [UTF link],
 *             long nonZeroBlocks, bool hasStamp [long size, long mtimeNanos, long ctimeNanos,
 *             long inode, long device, int mode, int uid, int gid]
 *   int CRC-32C of every byte before it
 *   then any number of segments, each what one pass changed ({@link #segment}, framed by {@link RecordSegments})
 * </pre>
 * A record that fails any check (magic, source, block size, a bound, the checksum) is refused with
 * the reason; the pass then reads every file and commits the whole manifest, which is always safe.
 */
final class LastPointCodec {
    private static final byte[] MAGIC = {'L', 'B', 'L', 'A', 'S', 'T', 'P', '1'};
    /** Bytes an item takes at least: to bound the count by the file's size before allocating. */
    private static final int MIN_ITEM_BYTES = 2 + 1 + 4 + 8 + 8 + 1 + 8 + 1;
    private static final EntryType[] TYPES = EntryType.values();

    private LastPointCodec() {
    }

    static void write(LastPoint record, OutputStream out) throws IOException {
        RecordOutput d = new RecordOutput(out);
        d.write(MAGIC);
        d.writeInt(record.blockSize());
        d.writeUTF(record.source());
        d.writeUTF(record.point());
        d.writeLong(record.fullReadMillis());
        LastPointItems items = record.columns();
        d.writeInt(items.size());
        for (int i = 0; i < items.size(); i++) {
            writeItem(d, items, i);
        }
        d.finish();
    }

    private static void writeItem(RecordOutput d, LastPointItems items, int i) throws IOException {
        d.writeUTF(items.path(i));
        d.writeByte(items.type(i).ordinal());
        d.writeInt(items.mode(i));
        d.writeLong(items.mtimeNanos(i));
        d.writeLong(items.entrySize(i));
        String link = items.link(i);
        d.writeBoolean(link != null);
        if (link != null) {
            d.writeUTF(link);
        }
        d.writeLong(items.nonZeroBlocks(i));
        FileStamp s = items.stamp(i);
        d.writeBoolean(s != null);
        if (s != null) {
            d.writeLong(s.size());
            d.writeLong(s.mtimeNanos());
            d.writeLong(s.ctimeNanos());
            d.writeLong(s.inode());
            d.writeLong(s.device());
            d.writeInt(s.mode());
            d.writeInt(s.uid());
            d.writeInt(s.gid());
        }
    }

    /**
     * The body of the segment that brings the record {@code from} to {@code to} (the next point's),
     * by position, so that applying it needs no order of paths:
     * <pre>
     *   UTF from point, UTF to point, long fullReadMillis, int itemCount (of {@code to})
     *   int dropped, per dropped item: int its index in {@code from} (increasing)
     *   int placed, per placed item: int its index in {@code to} (increasing), the item as in the base
     * </pre>
     * {@code to} is {@code from} without the dropped items, the placed ones put at their indexes.
     * An item is kept when {@code to} holds an equal one and the items kept so far came before it
     * in {@code from} (a manifest's order never moves one; were it to, the item is dropped and
     * placed again); every other item of {@code from} is dropped, every other of {@code to} placed.
     */
    static byte[] segment(LastPoint from, LastPoint to) throws IOException {
        LastPointItems old = from.columns();
        InStepPaths paths = new InStepPaths(from);
        boolean[] kept = new boolean[old.size()];
        List<Integer> placedAt = new ArrayList<>();
        int lastKept = -1;
        LastPointItems items = to.columns();
        for (int i = 0; i < items.size(); i++) {
            int was = paths.find(items.path(i));
            if (was > lastKept && old.same(was, items, i)) {
                kept[was] = true;
                lastKept = was;
            } else {
                placedAt.add(i);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordOutput d = new RecordOutput(bytes);
        d.writeUTF(from.point());
        d.writeUTF(to.point());
        d.writeLong(to.fullReadMillis());
        d.writeInt(items.size());
        int dropped = old.size() - (items.size() - placedAt.size());
        d.writeInt(dropped);
        for (int i = 0; i < kept.length; i++) {
            if (!kept[i]) {
                d.writeInt(i);
            }
        }
        d.writeInt(placedAt.size());
        for (int i : placedAt) {
            d.writeInt(i);
            writeItem(d, items, i);
        }
        d.end();
        return bytes.toByteArray();
    }

    static LastPoint read(InputStream in, long size, String source, int blockSize) throws IOException {
        return readAppended(in, size, source, blockSize).record();
    }

    /**
     * Reads the record, its base and then its segments in order; a torn last segment (a crash while
     * it was appended) is dropped, so the record is the point before it.
     *
     * @param size      the record file's size, to bound counts before allocating
     * @param source    the source it must describe
     * @param blockSize the block size it must have been cut at
     * @throws IOException naming what is wrong: the caller reads everything instead
     */
    static RecordSegments.Loaded<LastPoint> readAppended(InputStream in, long size, String source, int blockSize)
            throws IOException {
        RecordInput d = new RecordInput(in);
        try {
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a last-point record of this version (magic " + Arrays.toString(magic) + ")");
            }
            int bs = d.readInt();
            String src = d.readUTF();
            if (bs != blockSize || !src.equals(source)) {
                throw new IOException("a record of " + src + " cut at " + bs + " bytes, not of " + source + " at " + blockSize);
            }
            String point = d.readUTF();
            long fullRead = d.readLong();
            int count = d.readInt();
            if (count < 0 || (long) count * MIN_ITEM_BYTES > size) {
                throw new IOException("item count " + count + " does not fit a record of " + size + " bytes");
            }
            LastPointItems items = new LastPointItems(count);
            for (int i = 0; i < count; i++) {
                readItem(d, 0, i, items, i);
            }
            int expected = d.checksum();
            int crc = d.readInt();
            if (crc != expected) {
                throw new IOException("checksum mismatch (a torn or altered record)");
            }
            RecordSegments.Tail tail;
            try {
                tail = RecordSegments.readAll(d, size);
            } catch (IOException e) {
                throw new IOException("trailing bytes that are not a record's segment: " + e.getMessage(), e);
            }
            Applied applied = new Applied(items, point, fullRead);
            for (int k = 0; k < tail.bodies().size(); k++) {
                applied = apply(applied, tail.bodies().get(k), k + 1);
            }
            LastPoint record = new LastPoint(src, applied.point(), bs, applied.fullReadMillis(), applied.items());
            record.index(); // here, on the thread that reads this record while the block record is read on another
            return new RecordSegments.Loaded<>(record, tail, count);
        } catch (EOFException e) {
            throw new IOException("truncated record", e);
        }
    }

    /**
     * Reads item {@code index} of the base ({@code segment} 0) or of a segment into {@code items}
     * at {@code at}. The name an error gives it is made only for an error: made for each of 47,000
     * items, it cost a fresh agent's load a string concatenation and its garbage per item.
     */
    private static void readItem(RecordInput d, int segment, int index, LastPointItems items, int at)
            throws IOException {
        String path = d.readUTF();
        int type = d.readUnsignedByte();
        if (type >= TYPES.length) {
            throw new IOException(itemName(segment, index) + " (" + path + "): unknown entry type " + type);
        }
        int mode = d.readInt();
        long mtime = d.readLong();
        long entrySize = d.readLong();
        String link = d.readBoolean() ? d.readUTF() : null;
        long nonZero = d.readLong();
        if (d.readBoolean()) {
            items.stamp(at, d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readLong(), d.readInt(), d.readInt(),
                    d.readInt());
        }
        if (mode < 0 || mode > 07777 || entrySize < 0 || nonZero < 0) {
            throw new IOException(itemName(segment, index) + " (" + path + "): mode, size or block count out of range");
        }
        items.set(at, path, type, mode, mtime, entrySize, link, nonZero);
    }

    /** "item 7" of the base, "segment 2's item 7" of a segment: where a bad item is. */
    private static String itemName(int segment, int index) {
        return segment == 0 ? "item " + index : KnownBlocksCodec.segmentName(segment) + "'s item " + index;
    }

    /** A record's items and point as its segments are applied, one after the other. */
    private record Applied(LastPointItems items, String point, long fullReadMillis) {
    }

    /**
     * The items {@code at} brought on by the segment {@code body} (checksummed already). The items
     * kept are copied a run at a time between the dropped and placed ones: a fresh agent would run
     * a loop over every item of the record per segment mostly in the interpreter.
     */
    private static Applied apply(Applied at, byte[] body, int segment) throws IOException {
        RecordInput d = new RecordInput(new ByteArrayInputStream(body));
        try {
            String from = d.readUTF();
            String to = d.readUTF();
            if (!from.equals(at.point())) {
                throw new IOException(KnownBlocksCodec.segmentName(segment) + " follows point " + from + ", not " + at.point() + " (a damaged record)");
            }
            long fullRead = d.readLong();
            int count = d.readInt();
            LastPointItems old = at.items();
            int dropped = d.readInt();
            if (dropped < 0 || dropped > old.size() || count < 0 || count < old.size() - dropped
                    || (long) (count - (old.size() - dropped)) * MIN_ITEM_BYTES > body.length) {
                throw new IOException(KnownBlocksCodec.segmentName(segment) + " drops " + dropped + " of " + old.size() + " items and leaves " + count);
            }
            int[] drops = new int[dropped + 1];
            int previous = -1;
            for (int k = 0; k < dropped; k++) {
                int i = d.readInt();
                if (i <= previous || i >= old.size()) {
                    throw new IOException(KnownBlocksCodec.segmentName(segment) + " drops item " + i + " after " + previous + " of " + old.size());
                }
                drops[k] = i;
                previous = i;
            }
            drops[dropped] = old.size(); // the end of the last run of kept items
            int placed = d.readInt();
            if (placed != count - (old.size() - dropped)) {
                throw new IOException(KnownBlocksCodec.segmentName(segment) + " places " + placed + " items where " + (count - (old.size() - dropped))
                        + " are missing");
            }
            LastPointItems items = new LastPointItems(count);
            Runs kept = new Runs(old, drops);
            int filled = 0;
            previous = -1;
            for (int k = 0; k < placed; k++) {
                int i = d.readInt();
                if (i <= previous || i >= count) {
                    throw new IOException(KnownBlocksCodec.segmentName(segment) + " places an item at " + i + " after " + previous + " of " + count);
                }
                filled = kept.copy(items, filled, i);
                readItem(d, segment, k, items, filled++);
                previous = i;
            }
            kept.copy(items, filled, count);
            if (!d.atEnd()) {
                throw new IOException(KnownBlocksCodec.segmentName(segment) + " has bytes after its last item");
            }
            return new Applied(items, to, fullRead);
        } catch (EOFException e) {
            throw new IOException(KnownBlocksCodec.segmentName(segment) + " is cut short inside its checksummed frame", e);
        }
    }

    /** The items of a record a segment keeps: the runs between its dropped items, taken in order. */
    private static final class Runs {
        private final LastPointItems old;
        /** The dropped indexes, increasing, then the record's length. */
        private final int[] drops;
        /** The next item to keep, and the drop that ends its run. */
        private int next;
        private int drop;

        Runs(LastPointItems old, int[] drops) {
            this.old = old;
            this.drops = drops;
        }

        /**
         * Copies kept items into {@code items} from {@code filled} up to {@code upTo}; returns
         * {@code upTo}. The counts were checked: the kept items suffice.
         */
        int copy(LastPointItems items, int filled, int upTo) {
            while (filled < upTo) {
                while (next == drops[drop]) { // a dropped item (never the end: the kept ones suffice)
                    next++;
                    drop++;
                }
                int n = Math.min(upTo - filled, drops[drop] - next);
                old.copy(next, items, filled, n);
                filled += n;
                next += n;
            }
            return filled;
        }
    }
}
