package io.lifeboat.readiness.hive;

import io.lifeboat.readiness.registry.RegKey;

/**
 * One REGF hive file held in memory, read-only. {@link #parse} checks the base block, that the hive
 * bins data fits the file, and the chain of "hbin" headers (each at the offset it claims), so a
 * truncated or zeroed hive fails at once with the offset of the first bad bin rather than later in
 * a rule. Keys are decoded lazily when walked ({@link HiveKey}).
 *
 * <p>A dirty hive (unfinished last write) is read as it is on disk unless it was first repaired with
 * {@link LogReplay#recover}; {@link #dirty()} tells which.
 */
public final class Hive {
    static final int BINS_START = BaseBlock.SIZE;
    static final int MAX_DEPTH = 512;

    private final HiveBytes bytes;
    private final BaseBlock base;
    private final long binsEnd;

    private Hive(HiveBytes bytes, BaseBlock base, long binsEnd) {
        this.bytes = bytes;
        this.base = base;
        this.binsEnd = binsEnd;
    }

    /** Parses a primary hive file image; throws {@link HiveFormatException} on any damage. */
    public static Hive parse(String source, byte[] image) {
        HiveBytes b = new HiveBytes(source, image);
        if (image.length < BaseBlock.SIZE) {
            if (!b.ascii(0, "regf")) {
                throw b.error(0, "no \"regf\" signature (found \"" + b.sig(0, 4) + "\"): not a registry hive");
            }
            throw b.error(image.length, "file ends inside the 4096-byte base block: truncated");
        }
        BaseBlock base = BaseBlock.parse(b, 0);
        if (base.majorVersion() != 1) {
            throw b.error(20, "unsupported hive major version " + base.majorVersion() + " (expected 1)");
        }
        if (base.fileType() != 0) {
            throw b.error(28, "file type " + base.fileType() + " is a transaction log, not a primary hive file");
        }
        long size = base.hiveBinsSize();
        if (size % 4096 != 0) {
            throw b.error(40, "hive bins data size " + size + " is not a multiple of 4096");
        }
        if (BINS_START + size > image.length) {
            throw b.error(image.length, "base block says " + size + " bytes of hive bins but the file holds only "
                    + (image.length - BINS_START) + ": truncated");
        }
        long end = BINS_START + size;
        checkBins(b, end);
        Hive hive = new Hive(b, base, end);
        hive.cell(base.rootCell(), "root key");
        return hive;
    }

    private static void checkBins(HiveBytes b, long end) {
        long at = BINS_START;
        while (at < end) {
            if (!b.ascii(at, "hbin")) {
                throw b.error(at, "expected a hive bin (\"hbin\") but found \"" + b.sig(at, 4)
                        + "\": bins are overwritten or zeroed from here on");
            }
            long claimed = b.u32(at + 4);
            long binSize = b.u32(at + 8);
            if (claimed != at - BINS_START) {
                throw b.error(at + 4, "hive bin claims offset 0x" + Long.toHexString(claimed) + " but sits at 0x"
                        + Long.toHexString(at - BINS_START));
            }
            if (binSize < 4096 || binSize % 4096 != 0 || at + binSize > end) {
                throw b.error(at + 8, "hive bin size " + binSize + " is invalid");
            }
            at += binSize;
        }
    }

    public String source() {
        return bytes.source;
    }

    /** True when the base block says the last write did not finish (sequence numbers or checksum). */
    public boolean dirty() {
        return base.dirty();
    }

    public long primarySequence() {
        return base.primarySequence();
    }

    public long secondarySequence() {
        return base.secondarySequence();
    }

    public int minorVersion() {
        return base.minorVersion();
    }

    public RegKey root() {
        return new HiveKey(this, base.rootCell(), 0);
    }

    HiveBytes bytes() {
        return bytes;
    }

    /**
     * The cell at hive offset {@code rel}: its data's file offset and length. The cell must lie inside
     * one hive bin region of the file; its size field must be sane.
     */
    Cell cell(long rel, String what) {
        long at = BINS_START + rel;
        if (rel < 32 || at + 4 > binsEnd) {
            throw bytes.error(Math.max(0, Math.min(at, bytes.length())), what + " points to hive offset 0x"
                    + Long.toHexString(rel) + ", outside the hive bins");
        }
        int raw = bytes.i32(at);
        long size = raw < 0 ? -(long) raw : raw;
        if (size < 8 || at + size > binsEnd) {
            throw bytes.error(at, what + ": cell size " + raw + " is invalid");
        }
        return new Cell(at + 4, (int) size - 4);
    }

    /** A cell's data region in the file. */
    record Cell(long data, int length) {
    }
}
