package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Aim 7 of issue 14: a file is kept unread only when every field of its stamp equals the recorded
 * one. Each field changed alone (a new ctime or inode with the same size and mtime, as a rewrite that
 * puts the mtime back or a file replaced by another gives) means the file is read.
 */
class PreviousPointTest {
    private static final int BS = 32768;
    private static final FileStamp STAMP = new FileStamp(70000, 2_000L, 3_000L, 123456789L, 65024, 0644, 1000, 1001);
    private static final String POINT = "20261206T140000Z-0123abcd";

    private static PreviousPoint previous(boolean trust) {
        LastPoint last = new LastPoint("/srv", POINT, BS, 0, List.of(
                new LastPoint.Item(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of()), 0, null),
                new LastPoint.Item(new Entry("a.bin", EntryType.FILE, 0644, 2_000L, 70000, null, List.of()), 3, STAMP)));
        byte[] digests = new byte[3 * 32];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = (byte) i;
        }
        HashMap<String, KnownBlocks.File> files = new HashMap<>(Map.of("a.bin",
                new KnownBlocks.File(new int[] {BS, BS, 70000 - 2 * BS}, new long[6], digests)));
        return new PreviousPoint(last, KnownBlocks.owning(BS, POINT, files), trust);
    }

    private static FileStamp with(UnaryOperator<long[]> change) {
        long[] f = {STAMP.size(), STAMP.mtimeNanos(), STAMP.ctimeNanos(), STAMP.inode(), STAMP.device(), STAMP.mode(),
            STAMP.uid(), STAMP.gid()};
        f = change.apply(f);
        return new FileStamp(f[0], f[1], f[2], f[3], f[4], (int) f[5], (int) f[6], (int) f[7]);
    }

    @Test
    void theSameStampKeepsTheEntryWithItsRecordedBlocks() {
        Entry kept = previous(true).unchanged("a.bin", STAMP);

        assertThat(kept).isNotNull();
        assertThat(kept.size()).isEqualTo(70000);
        assertThat(kept.blocks()).hasSize(3);
        assertThat(kept.blocks().get(2).length()).isEqualTo(70000 - 2 * BS);
    }

    @Test
    void anyOneFieldChangedMeansTheFileIsRead() {
        PreviousPoint p = previous(true);
        String[] names = {"size", "mtime", "ctime", "inode", "device", "mode", "uid", "gid"};
        for (int field = 0; field < names.length; field++) {
            int at = field;
            FileStamp changed = with(f -> {
                f[at] += 1;
                return f;
            });
            assertThat(p.unchanged("a.bin", changed)).as("only %s differs", names[field]).isNull();
        }
    }

    @Test
    void aNewCtimeOrInodeAloneIsEnoughEvenWithSizeAndMtimeKept() {
        PreviousPoint p = previous(true);
        assertThat(p.unchanged("a.bin", with(f -> {
            f[2] += 1; // one nanosecond later ctime: content rewritten and mtime put back
            return f;
        }))).isNull();
        assertThat(p.unchanged("a.bin", with(f -> {
            f[3] = 987654321L; // another inode: the file replaced by another of the same size and mtime
            return f;
        }))).isNull();
    }

    @Test
    void nothingIsKeptWithoutTrustedStampsAUnknownPathOrNoStamp() {
        assertThat(previous(false).unchanged("a.bin", STAMP)).isNull();
        assertThat(previous(true).unchanged("b.bin", STAMP)).isNull();
        assertThat(previous(true).unchanged("a.bin", null)).isNull();
        assertThat(previous(true).unchanged("", STAMP)).as("a folder is never kept by stamp").isNull();
    }

    /** The delta's comparison of two entries ({@link PreviousPoint#same}) says what {@link Entry#equals} says, field by field. */
    @Test
    void twoEntriesAreTheSameExactlyWhenEqual() {
        BlockId x = BlockId.of(new byte[] {1});
        BlockId y = BlockId.of(new byte[] {2});
        List<BlockRef> blocks = List.of(new BlockRef(x, BS), BlockRef.zero(BS), new BlockRef(y, 100));
        Entry file = new Entry("d/a.bin", EntryType.FILE, 0644, 2_000L, 2L * BS + 100, null, blocks);
        Entry link = new Entry("d/l", EntryType.SYMLINK, 0777, 3_000L, 0, "a.bin", List.of());
        Entry dir = new Entry("d", EntryType.DIRECTORY, 0755, 4_000L, 0, null, List.of());
        for (Entry e : List.of(file, link, dir)) {
            Entry copy = new Entry(new String(e.path()), e.type(), e.mode(), e.mtimeNanos(), e.size(),
                    e.linkTarget() == null ? null : new String(e.linkTarget()), new java.util.ArrayList<>(e.blocks()));
            assertThat(PreviousPoint.same(e, copy)).as("%s", e).isTrue();
            List<Entry> changed = List.of(
                    new Entry(e.path() + "x", e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(), e.blocks()),
                    new Entry(e.path(), EntryType.values()[(e.type().ordinal() + 1) % EntryType.values().length], e.mode(),
                            e.mtimeNanos(), e.size(), e.linkTarget(), e.blocks()),
                    new Entry(e.path(), e.type(), e.mode() ^ 1, e.mtimeNanos(), e.size(), e.linkTarget(), e.blocks()),
                    new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos() + 1, e.size(), e.linkTarget(), e.blocks()),
                    new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size() + 1, e.linkTarget(), e.blocks()),
                    new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget() == null ? "t" : null,
                            e.blocks()),
                    new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(),
                            List.of(new BlockRef(y, BS))),
                    new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(),
                            List.of(new BlockRef(x, BS), BlockRef.zero(BS), new BlockRef(x, 100))),
                    new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(),
                            List.of(new BlockRef(x, BS), BlockRef.zero(BS), new BlockRef(y, 101))),
                    new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(),
                            List.of(new BlockRef(x, BS), new BlockRef(x, BS), new BlockRef(y, 100))));
            for (Entry c : changed) {
                assertThat(c).isNotEqualTo(e);
                assertThat(PreviousPoint.same(e, c)).as("%s against %s", e, c).isFalse();
                assertThat(PreviousPoint.same(c, e)).as("%s against %s", c, e).isFalse();
            }
        }
    }
}
