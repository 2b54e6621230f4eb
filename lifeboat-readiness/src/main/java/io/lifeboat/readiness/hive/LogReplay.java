package io.lifeboat.readiness.hive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Repairs a dirty hive image in memory from its transaction logs, as Windows does at load time
 * (rules from the REGF specification, "Dirty state of a hive" and "Multiple transaction log files").
 * The files on disk are never written.
 *
 * <ol>
 *   <li>A hive whose base block has equal sequence numbers and a good checksum is clean: logs are ignored.</li>
 *   <li>New format: the checked entries of every log (.LOG1 first, then .LOG2) are ordered by sequence
 *       number; those numbered at or above the primary sequence number are applied while the numbers
 *       run on without a gap. Each entry may grow the hive bins data; its pages are written at
 *       4096 + offset. Then both sequence numbers become the last entry's, the hive bins size the
 *       last entry's, and the checksum is recomputed.</li>
 *   <li>Old format: a log whose base block is complete (its sequence numbers equal) and has the
 *       primary's timestamp has its dirty pages written at 4096 + 512 * bit, and its base block
 *       copied over the primary's.</li>
 *   <li>A primary base block with a bad checksum is replaced by the first log's copy whose own checksum
 *       is good (then replayed from that copy's sequence number); with no such copy the hive is read as
 *       it is on disk, with a note.</li>
 * </ol>
 */
public final class LogReplay {
    private LogReplay() {
    }

    /** The repaired image (a new array) and what was done. */
    public record Result(byte[] image, Recovery recovery) {
    }

    public static Result recover(String source, byte[] primary, List<TransactionLog> logs) {
        HiveBytes b = new HiveBytes(source, primary);
        if (primary.length < BaseBlock.SIZE) {
            Hive.parse(source, primary);
        }
        BaseBlock base = BaseBlock.parse(b, 0);
        if (!base.dirty()) {
            return new Result(primary, Recovery.clean());
        }
        if (logs.isEmpty()) {
            return new Result(primary, new Recovery(true, "none", 0, 0, 0, List.of(),
                    "dirty hive and no transaction logs given: read as it is on disk; the last writes may be missing"));
        }
        byte[] image = primary.clone();
        if (!base.checksumOk()) {
            // the primary's base block is damaged: take the first log's copy whose own checksum is good, with
            // its sequence numbers and size (the damaged block's fields cannot be trusted), never an unchecked one
            TransactionLog donor = logs.stream().filter(l -> l.base.checksumOk()).findFirst().orElse(null);
            if (donor == null) {
                return new Result(primary, new Recovery(true, "none", 0, 0, 0, List.of(), "the hive's base block is"
                        + " damaged (bad checksum) and no log holds a valid copy: read as it is on disk"));
            }
            System.arraycopy(donor.headerBytes, 0, image, 0, 512);
            BaseBlock lb = donor.base;
            setHeader(image, 0, lb.primarySequence(), lb.secondarySequence(), lb.hiveBinsSize());
            base = BaseBlock.parse(new HiveBytes(source, image), 0);
        }
        long limit = primary.length;
        for (TransactionLog log : logs) {
            limit += log.length;
        }
        limit = Math.min(limit, Integer.MAX_VALUE - 8); // one Java array holds the image
        boolean anyNew = logs.stream().anyMatch(TransactionLog::newFormat);
        return anyNew ? replayNew(image, base, logs, limit) : replayOld(image, base, logs, limit);
    }

    private static Result replayNew(byte[] image, BaseBlock base, List<TransactionLog> logs, long limit) {
        List<TransactionLog.Entry> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (TransactionLog log : logs) {
            if (log.newFormat) {
                for (TransactionLog.Entry e : log.entries) {
                    all.add(e);
                    names.add(log.source);
                }
            }
        }
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(all.get(x).sequence(), all.get(y).sequence()));
        Set<String> used = new LinkedHashSet<>();
        long expected = -1;
        long first = 0;
        long binsSize = base.hiveBinsSize();
        int applied = 0;
        String note = "";
        for (int idx : order) {
            TransactionLog.Entry e = all.get(idx);
            if (e.sequence() < base.primarySequence() || e.sequence() < expected) {
                continue;
            }
            if (expected >= 0 && e.sequence() != expected) {
                note = "log entries stop at sequence " + (expected - 1) + "; next found is " + e.sequence();
                break;
            }
            if (BaseBlock.SIZE + e.hiveBinsSize() > limit) {
                note = "entry " + e.sequence() + " claims a hive of " + e.hiveBinsSize() + " bytes, more than hive and logs hold";
                break;
            }
            image = grow(image, BaseBlock.SIZE + e.hiveBinsSize());
            for (TransactionLog.Page p : e.pages()) {
                System.arraycopy(p.data(), 0, image, (int) (BaseBlock.SIZE + p.binsOffset()), p.data().length);
            }
            if (applied == 0) {
                first = e.sequence();
            }
            applied++;
            binsSize = e.hiveBinsSize();
            expected = e.sequence() + 1;
            used.add(names.get(idx));
        }
        if (applied == 0) {
            return new Result(image, new Recovery(true, "new", 0, 0, 0, List.of(),
                    "no log entry at or after the hive's sequence number " + base.primarySequence()));
        }
        setHeader(image, 0, expected - 1, expected - 1, binsSize);
        return new Result(image, new Recovery(true, "new", applied, first, expected - 1, List.copyOf(used), note));
    }

    private static Result replayOld(byte[] image, BaseBlock base, List<TransactionLog> logs, long limit) {
        for (TransactionLog log : logs) {
            BaseBlock lb = log.base;
            if (lb.primarySequence() != lb.secondarySequence() || lb.timestamp() != base.timestamp()) {
                continue;
            }
            TransactionLog.Entry e = log.entries.get(0);
            if (BaseBlock.SIZE + e.hiveBinsSize() > limit) {
                continue;
            }
            image = grow(image, BaseBlock.SIZE + e.hiveBinsSize());
            for (TransactionLog.Page p : e.pages()) {
                System.arraycopy(p.data(), 0, image, (int) (BaseBlock.SIZE + p.binsOffset()), p.data().length);
            }
            System.arraycopy(log.headerBytes, 0, image, 0, 512);
            setHeader(image, 0, lb.primarySequence(), lb.secondarySequence(), lb.hiveBinsSize());
            return new Result(image, new Recovery(true, "old", 1, lb.primarySequence(), lb.primarySequence(),
                    List.of(log.source), ""));
        }
        return new Result(image, new Recovery(true, "old", 0, 0, 0, List.of(),
                "no old-format log is complete and matches the hive's timestamp"));
    }

    private static byte[] grow(byte[] image, long size) {
        return size > image.length ? Arrays.copyOf(image, (int) size) : image;
    }

    /** Writes sequence numbers, hive bins size and file type 0 into a base block, then its checksum. */
    private static void setHeader(byte[] image, int at, long seq1, long seq2, long binsSize) {
        putInt(image, at + 4, (int) seq1);
        putInt(image, at + 8, (int) seq2);
        putInt(image, at + 28, 0);
        putInt(image, at + 40, (int) binsSize);
        putInt(image, at + BaseBlock.CHECKSUM_OFFSET, BaseBlock.checksum(image, at));
    }

    private static void putInt(byte[] a, int o, int v) {
        a[o] = (byte) v;
        a[o + 1] = (byte) (v >>> 8);
        a[o + 2] = (byte) (v >>> 16);
        a[o + 3] = (byte) (v >>> 24);
    }
}
