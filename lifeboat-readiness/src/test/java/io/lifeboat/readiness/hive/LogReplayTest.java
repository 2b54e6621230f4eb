package io.lifeboat.readiness.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryDump;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.testkit.HiveWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log replay on logs written here, in both formats, so every rule of the replay is exercised: a
 * "before" and an "after" hive of the same size; the log carries the pages that differ; the primary
 * is the "before" image with an unfinished write (sequence numbers differ).
 */
class LogReplayTest {
    static final int SEQ = 100;

    static byte[] image(int value, int extra) {
        MutableRegistry reg = new MutableRegistry("t");
        KeyPath k = KeyPath.hklm("SOFTWARE\\Test");
        reg.apply(new RegistryEdit.SetValue(k, RegValue.dword("Value", value)));
        reg.apply(new RegistryEdit.SetValue(k, new RegValue("pad", 3, new byte[6000 + extra])));
        return HiveWriter.write(reg.key(KeyPath.hklm("SOFTWARE")).orElseThrow(), "T");
    }

    /** The "before" image with primary sequence SEQ and secondary SEQ-1: a write that did not finish. */
    static byte[] dirty(byte[] clean) {
        byte[] d = clean.clone();
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, SEQ).putInt(8, SEQ - 1);
        b.putInt(508, BaseBlock.checksum(d, 0));
        return d;
    }

    static byte[] header(byte[] primary, int type, int seq) {
        byte[] h = Arrays.copyOf(primary, 512);
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, seq).putInt(8, seq).putInt(28, type);
        b.putInt(508, BaseBlock.checksum(h, 0));
        return h;
    }

    /** One HvLE entry holding every 4096-byte page of the bins where {@code after} differs from {@code before}. */
    static byte[] entry(byte[] before, byte[] after, int seq) {
        List<int[]> pages = new ArrayList<>();
        for (int off = 0; off + 4096 <= after.length - 4096; off += 4096) {
            if (!Arrays.equals(before, 4096 + off, 4096 + off + 4096, after, 4096 + off, 4096 + off + 4096)) {
                pages.add(new int[] {off, 4096});
            }
        }
        int size = 40 + 8 * pages.size() + 4096 * pages.size();
        size = (size + 511) / 512 * 512;
        ByteBuffer e = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        e.put("HvLE".getBytes()).putInt(size).putInt(0).putInt(seq).putInt(after.length - 4096).putInt(pages.size());
        e.putLong(0).putLong(0);
        for (int[] p : pages) {
            e.putInt(p[0]).putInt(p[1]);
        }
        for (int[] p : pages) {
            e.put(after, 4096 + p[0], p[1]);
        }
        byte[] a = e.array();
        long h1 = Marvin32.hash(a, 40, size - 40, Marvin32.REGISTRY_SEED);
        ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putLong(24, h1);
        long h2 = Marvin32.hash(a, 0, 32, Marvin32.REGISTRY_SEED);
        ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putLong(32, h2);
        return a;
    }

    static byte[] newLog(byte[] primary, int firstSeq, byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(primary, 6, firstSeq));
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    static String dump(byte[] image) {
        return RegistryDump.dump(Hive.parse("t", image).root(), "T");
    }

    @Test
    void newFormatEntriesAreAppliedInSequenceFromBothLogs() {
        byte[] v1 = image(1, 0);
        byte[] v2 = image(2, 0);
        byte[] v3 = image(3, 0);
        byte[] primary = dirty(v1);
        byte[] log1 = newLog(primary, SEQ, entry(v1, v2, SEQ));
        byte[] log2 = newLog(primary, SEQ + 1, entry(v2, v3, SEQ + 1));
        LogReplay.Result r = LogReplay.recover("t", primary, List.of(TransactionLog.parse("t.LOG1", log1),
                TransactionLog.parse("t.LOG2", log2)));
        assertThat(r.recovery()).isEqualTo(new Recovery(true, "new", 2, SEQ, SEQ + 1, List.of("t.LOG1", "t.LOG2"), ""));
        assertThat(dump(r.image())).isEqualTo(dump(v3)).contains("0x00000003");
        assertThat(Hive.parse("t", r.image()).dirty()).isFalse();
        assertThat(Hive.parse("t", primary).dirty()).isTrue();
    }

    @Test
    void aDamagedPrimaryHeaderIsTakenFromTheFirstLogWhoseCopyIsValid() {
        byte[] v1 = image(1, 0);
        byte[] v2 = image(2, 0);
        byte[] v3 = image(3, 0);
        byte[] primary = dirty(v1);
        primary[12] ^= 0x55; // timestamp changed, checksum not: the primary's base block is damaged
        byte[] log1 = newLog(primary, SEQ, entry(v1, v2, SEQ));
        ByteBuffer.wrap(log1).order(ByteOrder.LITTLE_ENDIAN).putInt(36, 0x7ffffff0); // root cell, checksum stale
        byte[] log2 = newLog(primary, SEQ, entry(v2, v3, SEQ + 1));
        LogReplay.Result r = LogReplay.recover("t", primary, List.of(TransactionLog.parse("t.LOG1", log1),
                TransactionLog.parse("t.LOG2", log2)));
        assertThat(r.recovery().applied()).isEqualTo(2);
        assertThat(dump(r.image())).isEqualTo(dump(v3));
        assertThat(Hive.parse("t", r.image()).dirty()).isFalse();

        LogReplay.Result none = LogReplay.recover("t", primary, List.of(TransactionLog.parse("t.LOG1", log1)));
        assertThat(none.recovery().applied()).isZero();
        assertThat(none.recovery().note()).contains("no log holds a valid copy");
        assertThat(none.image()).isEqualTo(primary);
    }

    @Test
    void aBadHashStopsTheReplayBeforeTheDamagedEntryAndAGapStopsItToo() {
        byte[] v1 = image(1, 0);
        byte[] v2 = image(2, 0);
        byte[] v3 = image(3, 0);
        byte[] primary = dirty(v1);
        byte[] damaged = entry(v2, v3, SEQ + 1);
        damaged[damaged.length - 100] ^= 1;
        TransactionLog log = TransactionLog.parse("t.LOG1", newLog(primary, SEQ, entry(v1, v2, SEQ), damaged));
        assertThat(log.entryCount()).isEqualTo(1);
        assertThat(log.stopReason()).contains("Marvin32");
        LogReplay.Result r = LogReplay.recover("t", primary, List.of(log));
        assertThat(r.recovery().applied()).isEqualTo(1);
        assertThat(dump(r.image())).contains("0x00000002");

        TransactionLog gap = TransactionLog.parse("t.LOG1", newLog(primary, SEQ, entry(v1, v2, SEQ), entry(v2, v3, SEQ + 2)));
        LogReplay.Result g = LogReplay.recover("t", primary, List.of(gap));
        assertThat(g.recovery().applied()).isEqualTo(1);
        assertThat(g.recovery().note()).contains("stop at sequence " + SEQ);
    }

    @Test
    void aCleanHiveIgnoresItsLogsAndOldEntriesAreSkipped() {
        byte[] v1 = image(1, 0);
        byte[] v2 = image(2, 0);
        TransactionLog log = TransactionLog.parse("t.LOG1", newLog(v1, SEQ, entry(v1, v2, SEQ)));
        LogReplay.Result clean = LogReplay.recover("t", v1, List.of(log));
        assertThat(clean.recovery().wasDirty()).isFalse();
        assertThat(clean.image()).isSameAs(v1);
        byte[] primary = dirty(v1);
        TransactionLog old = TransactionLog.parse("t.LOG1", newLog(primary, SEQ - 5, entry(v1, v2, SEQ - 5)));
        assertThat(LogReplay.recover("t", primary, List.of(old)).recovery().applied()).isZero();
    }

    @Test
    void theHiveGrowsWhenAnEntrySaysSo() {
        byte[] small = image(1, 0);
        byte[] big = image(2, 9000);
        assertThat(big.length).isGreaterThan(small.length);
        byte[] primary = dirty(small);
        byte[] grownBefore = Arrays.copyOf(small, big.length);
        LogReplay.Result r = LogReplay.recover("t", primary, List.of(TransactionLog.parse("t.LOG1",
                newLog(primary, SEQ, entry(grownBefore, big, SEQ)))));
        assertThat(r.image().length).isEqualTo(big.length);
        assertThat(dump(r.image())).isEqualTo(dump(big));
    }

    @Test
    void oldFormatDirtyVectorIsApplied() {
        byte[] v1 = image(1, 0);
        byte[] v2 = image(2, 0);
        byte[] primary = dirty(v1);
        int pages = (v2.length - 4096) / 512;
        byte[] bitmap = new byte[(pages + 7) / 8];
        ByteArrayOutputStream dirtyPages = new ByteArrayOutputStream();
        for (int i = 0; i < pages; i++) {
            int at = 4096 + i * 512;
            if (!Arrays.equals(v1, at, at + 512, v2, at, at + 512)) {
                bitmap[i / 8] |= (byte) (1 << (i % 8));
                dirtyPages.write(v2, at, 512);
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        byte[] h = header(primary, 1, SEQ);
        log.writeBytes(h);
        log.writeBytes("DIRT".getBytes());
        log.writeBytes(bitmap);
        log.writeBytes(new byte[(512 - (4 + bitmap.length) % 512) % 512]);
        log.writeBytes(dirtyPages.toByteArray());
        TransactionLog t = TransactionLog.parse("t.LOG", log.toByteArray());
        assertThat(t.newFormat()).isFalse();
        LogReplay.Result r = LogReplay.recover("t", primary, List.of(t));
        assertThat(r.recovery()).isEqualTo(new Recovery(true, "old", 1, SEQ, SEQ, List.of("t.LOG"), ""));
        assertThat(dump(r.image())).isEqualTo(dump(v2));

        // a log from another write (other timestamp) is not applied
        byte[] other = log.toByteArray();
        other[12] ^= 1;
        ByteBuffer.wrap(other).order(ByteOrder.LITTLE_ENDIAN).putInt(508, BaseBlock.checksum(other, 0));
        assertThat(LogReplay.recover("t", primary, List.of(TransactionLog.parse("t.LOG", other))).recovery().applied()).isZero();
    }

    @Test
    void aLogThatIsNotALogFailsWithItsOffset() {
        byte[] v1 = image(1, 0);
        byte[] bogus = Arrays.copyOf(header(v1, 6, SEQ), 1024);
        bogus[28] = 0;
        bogus[512] = 'X';
        assertThatThrownBy(() -> TransactionLog.parse("t.LOG1", bogus)).isInstanceOf(HiveFormatException.class)
                .hasMessageContaining("offset 0x200").hasMessageContaining("neither log entries");
        assertThatThrownBy(() -> TransactionLog.parse("t.LOG1", new byte[100])).isInstanceOf(HiveFormatException.class);
    }
}
