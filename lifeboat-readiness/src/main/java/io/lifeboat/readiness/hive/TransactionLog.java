package io.lifeboat.readiness.hive;

import java.util.ArrayList;
import java.util.List;

/**
 * A hive's .LOG1/.LOG2 file, parsed: its base block copy, and either new-format log entries
 * ("HvLE", each checked with both Marvin32 hashes; the first bad entry ends the list, as in Windows)
 * or an old-format dirty vector ("DIRT" bitmap of 512-byte pages, then the pages).
 */
public final class TransactionLog {
    static final int SECTOR = 512;

    /** One checked "HvLE" entry: pages to write at hive-bins offsets. */
    record Entry(long sequence, long hiveBinsSize, List<Page> pages, long fileOffset) {
    }

    /** A dirty page: bytes to write at {@code binsOffset} (relative to the hive bins data). */
    record Page(long binsOffset, byte[] data) {
    }

    final String source;
    final BaseBlock base;
    final boolean newFormat;
    /** New format: the checked entries; old format: the dirty vector as one entry. */
    final List<Entry> entries;
    /** Why reading entries stopped early ("" when the log ended normally). */
    final String stopReason;
    /** The first 512 bytes: the base block copy. */
    final byte[] headerBytes;
    /** Size of the log file in bytes (bounds how far replay may grow a hive). */
    final long length;

    private TransactionLog(String source, BaseBlock base, boolean newFormat, List<Entry> entries, String stopReason,
            byte[] headerBytes, long length) {
        this.source = source;
        this.base = base;
        this.headerBytes = headerBytes;
        this.length = length;
        this.newFormat = newFormat;
        this.entries = entries;
        this.stopReason = stopReason;
    }

    public static TransactionLog parse(String source, byte[] image) {
        HiveBytes b = new HiveBytes(source, image);
        if (image.length < SECTOR) {
            throw b.error(image.length, "transaction log shorter than its 512-byte base block");
        }
        BaseBlock base = BaseBlock.parse(b, 0);
        if (b.ascii(SECTOR, "HvLE") || base.fileType() == 6) {
            List<Entry> entries = new ArrayList<>();
            String stop = newEntries(b, entries);
            return new TransactionLog(source, base, true, entries, stop, b.slice(0, SECTOR, "base block"), image.length);
        }
        if (b.ascii(SECTOR, "DIRT")) {
            return new TransactionLog(source, base, false, List.of(oldEntry(b, base)), "", b.slice(0, SECTOR, "base block"), image.length);
        }
        throw b.error(SECTOR, "neither log entries (\"HvLE\") nor a dirty vector (\"DIRT\") after the base block;"
                + " found \"" + b.sig(SECTOR, 4) + "\"");
    }

    private static String newEntries(HiveBytes b, List<Entry> out) {
        long at = SECTOR;
        while (b.ascii(at, "HvLE")) {
            if (at + 40 > b.length()) {
                return "entry at 0x" + Long.toHexString(at) + " is truncated";
            }
            long size = b.u32(at + 4);
            if (size < 40 || size % SECTOR != 0 || at + size > b.length()) {
                return "entry at 0x" + Long.toHexString(at) + " has a bad size " + size;
            }
            long hash1 = b.i64(at + 24);
            long hash2 = b.i64(at + 32);
            if (Marvin32.hash(b.data, (int) at + 40, (int) size - 40, Marvin32.REGISTRY_SEED) != hash1
                    || Marvin32.hash(b.data, (int) at, 32, Marvin32.REGISTRY_SEED) != hash2) {
                return "entry at 0x" + Long.toHexString(at) + " fails its Marvin32 hash check";
            }
            long count = b.u32(at + 20);
            long binsSize = b.u32(at + 16);
            if (count * 8 > size - 40 || binsSize % 4096 != 0) {
                return "entry at 0x" + Long.toHexString(at) + " has a bad page count or hive bins size";
            }
            List<Page> pages = new ArrayList<>();
            long data = at + 40 + count * 8;
            for (int i = 0; i < count; i++) {
                long off = b.u32(at + 40 + 8L * i);
                long len = b.u32(at + 44 + 8L * i);
                if (data + len > at + size || off + len > binsSize) {
                    return "entry at 0x" + Long.toHexString(at) + " has a page outside the entry or the hive";
                }
                pages.add(new Page(off, b.slice(data, len, "dirty page")));
                data += len;
            }
            out.add(new Entry(b.u32(at + 12), binsSize, pages, at));
            at += size;
        }
        return "";
    }

    private static Entry oldEntry(HiveBytes b, BaseBlock base) {
        long binsSize = base.hiveBinsSize();
        long pagesCount = binsSize / SECTOR;
        long bitmapBytes = (pagesCount + 7) / 8;
        b.check(SECTOR + 4, bitmapBytes, "dirty vector bitmap");
        long data = (SECTOR + 4 + bitmapBytes + SECTOR - 1) / SECTOR * SECTOR;
        List<Page> pages = new ArrayList<>();
        for (long bit = 0; bit < pagesCount; bit++) {
            if ((b.u8(SECTOR + 4 + bit / 8) >> (bit % 8) & 1) != 0) {
                pages.add(new Page(bit * SECTOR, b.slice(data, SECTOR, "dirty page")));
                data += SECTOR;
            }
        }
        return new Entry(base.primarySequence(), binsSize, pages, SECTOR);
    }

    public boolean newFormat() {
        return newFormat;
    }

    public String stopReason() {
        return stopReason;
    }

    public int entryCount() {
        return entries.size();
    }
}
