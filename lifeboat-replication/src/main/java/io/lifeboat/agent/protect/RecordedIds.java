package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The block ids of a source's last point (its {@link KnownBlocks} record), kept as their first
 * eight bytes, sorted: an image's pass that sends its changed blocks without asking still asks
 * about a block whose id may be among them (content moved or copied to another position, which
 * the vault holds), and only about those. Eight bytes a block, a sixth of what the record itself
 * holds; a false match (two ids sharing their first 64 bits) only makes the pass ask, which is
 * always safe. Built on first use, on the uploader's thread, off the reader's path; not thread-safe.
 */
final class RecordedIds {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final KnownBlocks record;
    private final byte[] scratch = new byte[BlockId.BYTES];
    private long[] sorted;

    private RecordedIds(KnownBlocks record) {
        this.record = record;
    }

    /**
     * The ids of {@code record}, or null when there is none to go by (a first pass) or when eight
     * bytes a block would take more than {@code heapShare} bytes: the pass then asks about every block.
     */
    static RecordedIds of(KnownBlocks record, long heapShare) {
        long blocks = 0;
        for (KnownBlocks.File f : record.files().values()) {
            blocks += f.blocks();
        }
        return record.isEmpty() || blocks * 8 > Math.min(heapShare, Integer.MAX_VALUE - 8L) ? null
                : new RecordedIds(record);
    }

    /** True when {@code id} may be a block of the last point (false: it is certainly not one). */
    boolean mayHold(BlockId id) {
        if (sorted == null) {
            sorted = build();
        }
        id.copyTo(scratch, 0);
        return Arrays.binarySearch(sorted, (long) LONG.get(scratch, 0)) >= 0;
    }

    private long[] build() {
        int n = 0;
        for (KnownBlocks.File f : record.files().values()) {
            n += f.blocks();
        }
        long[] out = new long[n];
        int at = 0;
        for (KnownBlocks.File f : record.files().values()) {
            for (int i = 0; i < f.blocks(); i++) {
                if (f.lengths()[i] != 0) { // 0: all zeros or absent, no id
                    out[at++] = (long) LONG.get(f.digests(), i * BlockId.BYTES);
                }
            }
        }
        long[] ids = Arrays.copyOf(out, at);
        Arrays.sort(ids);
        return ids;
    }
}
