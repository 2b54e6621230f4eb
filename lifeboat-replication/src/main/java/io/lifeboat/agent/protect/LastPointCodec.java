package io.lifeboat.agent.protect;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
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
 * </pre>
 * A record that fails any check (magic, source, block size, a bound, the checksum) is refused with
 * the reason; the pass then reads every file and commits the whole manifest, which is always safe.
 */
final class LastPointCodec {
    private static final byte[] MAGIC = {'L', 'B', 'L', 'A', 'S', 'T', 'P', '1'};
    /** Bytes an item takes at least: to bound the count by the file's size before allocating. */
    private static final int MIN_ITEM_BYTES = 2 + 1 + 4 + 8 + 8 + 1 + 8 + 1;

    private LastPointCodec() {
    }

    static void write(LastPoint record, OutputStream out) throws IOException {
        RecordOutput d = new RecordOutput(out);
        d.write(MAGIC);
        d.writeInt(record.blockSize());
        d.writeUTF(record.source());
        d.writeUTF(record.point());
        d.writeLong(record.fullReadMillis());
        d.writeInt(record.items().size());
        for (LastPoint.Item item : record.items()) {
            Entry e = item.entry();
            d.writeUTF(e.path());
            d.writeByte(e.type().ordinal());
            d.writeInt(e.mode());
            d.writeLong(e.mtimeNanos());
            d.writeLong(e.size());
            d.writeBoolean(e.linkTarget() != null);
            if (e.linkTarget() != null) {
                d.writeUTF(e.linkTarget());
            }
            d.writeLong(item.nonZeroBlocks());
            FileStamp s = item.stamp();
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
        d.finish();
    }

    /**
     * @param size      the record file's size, to bound counts before allocating
     * @param source    the source it must describe
     * @param blockSize the block size it must have been cut at
     * @throws IOException naming what is wrong: the caller reads everything instead
     */
    static LastPoint read(InputStream in, long size, String source, int blockSize) throws IOException {
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
            EntryType[] types = EntryType.values();
            List<LastPoint.Item> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String path = d.readUTF();
                int type = d.readUnsignedByte();
                if (type >= types.length) {
                    throw new IOException("item " + i + " (" + path + "): unknown entry type " + type);
                }
                int mode = d.readInt();
                long mtime = d.readLong();
                long entrySize = d.readLong();
                String link = d.readBoolean() ? d.readUTF() : null;
                long nonZero = d.readLong();
                FileStamp stamp = d.readBoolean() ? new FileStamp(d.readLong(), d.readLong(), d.readLong(), d.readLong(),
                        d.readLong(), d.readInt(), d.readInt(), d.readInt()) : null;
                if (mode < 0 || mode > 07777 || entrySize < 0 || nonZero < 0) {
                    throw new IOException("item " + i + " (" + path + "): mode, size or block count out of range");
                }
                items.add(new LastPoint.Item(new Entry(path, types[type], mode, mtime, entrySize, link, List.of()), nonZero,
                        stamp));
            }
            int expected = d.checksum();
            int crc = d.readInt();
            if (crc != expected || !d.atEnd()) {
                throw new IOException("checksum mismatch or trailing bytes (a torn or altered record)");
            }
            return new LastPoint(src, point, bs, fullRead, items);
        } catch (EOFException e) {
            throw new IOException("truncated record", e);
        }
    }
}
