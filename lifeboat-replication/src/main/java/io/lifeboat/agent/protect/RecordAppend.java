package io.lifeboat.agent.protect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How {@link KnownBlocksStore} brings a source's two records from the point it read to the point a
 * pass committed by appending what changed ({@link RecordSegments}) instead of writing them whole,
 * and when it should not: the segments would grow past a share of the base, or the records are not
 * of the point the pass built on. The two appends run at once and are synced; until both are done
 * the two records name different points, which {@link PreviousPoint} ignores.
 */
final class RecordAppend {
    /**
     * A record's segments may grow to 1/SEGMENTS_PER_BASE of its base's bytes, and a pass may
     * change its count of entries by as much, before both records are written whole again: a 1%
     * pass appends about 1% of the base, so the records are rewritten about every 25th such pass
     * and a load reads at most 1.25 bases.
     */
    static final int SEGMENTS_PER_BASE = 4;
    /**
     * The entries' segments may always grow to this many bytes, whatever their base's size: an
     * image's {@code .last} base is 93-125 bytes, which no segment of it (about 150 bytes) is a
     * quarter of, so without a floor every pass wrote both records whole (issue 14, session 18). A
     * load reads such a record's few KB in one go. The block record keeps the quarter rule alone:
     * it is the larger of an image's two, and its segments decide when the pair is compacted.
     */
    static final int FLOOR_BYTES = 16 * 1024;
    /** At most this many segments follow a base: each costs a load a pass over the entries. */
    static final int MAX_SEGMENTS = 32;

    private RecordAppend() {
    }

    /**
     * The two records of a source as this store's {@link KnownBlocksStore#loadBoth} read them, both of one point:
     * what the pass's save appends to. Dropped by that save (the next pass reads the records
     * again), and whenever the records are forgotten or found not to agree.
     */
    record Read(RecordSegments.Loaded<KnownBlocks> known, RecordSegments.Loaded<LastPoint> last) {
    }


    /**
     * Appends to both records ({@code blockFile}, {@code entryFile}) the segment that brings them from
     * the point {@code was} read to {@code record}'s, both at once; false (nothing written) when the records should be
     * written whole instead: another point or block size, the same point again, or when the
     * segments would pass {@link #SEGMENTS_PER_BASE} of the base (in bytes, the entries' above
     * {@link #FLOOR_BYTES}; or in entries changed, added or removed) or {@link #MAX_SEGMENTS}.
     */
    static boolean append(Path blockFile, Path entryFile, Read was, KnownBlocks record, LastPoint last) throws IOException {
        KnownBlocks fromBlocks = was.known().record();
        LastPoint fromEntries = was.last().record();
        if (record.point().equals(fromBlocks.point()) || record.blockSize() != fromBlocks.blockSize()
                || !last.point().equals(record.point()) || last.blockSize() != fromEntries.blockSize()
                || !last.source().equals(fromEntries.source())) {
            return false;
        }
        // what changed in the entries is found on another thread while the blocks' is found on this one
        // (CompletableFuture's default executor: a thread per task on 2 cores, cheap once a pass; Protector says why)
        CompletableFuture<byte[]> entriesFound = CompletableFuture.supplyAsync(() -> {
            try {
                return RecordSegments.frame(LastPointCodec.segment(fromEntries, last));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] blocks = RecordSegments.frame(KnownBlocksCodec.segment(fromBlocks, record));
        byte[] entries = join(entriesFound);
        if (!small(was.known(), blocks.length, record.files().size(), 0)
                || !small(was.last(), entries.length, last.size(), FLOOR_BYTES)) {
            return false;
        }
        // the two appends and their syncs at once: their order does not matter, since until both are
        // done the two records name different points (or, both cut, the point before), never a mixture
        CompletableFuture<Void> entriesAppended = CompletableFuture.runAsync(() -> {
            try {
                RecordSegments.append(entryFile, was.last().extent().validBytes(), entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            RecordSegments.append(blockFile, was.known().extent().validBytes(), blocks);
        } finally {
            entriesAppended.exceptionally(failed -> null).join(); // done writing before anything is dropped
        }
        join(entriesAppended);
        return true;
    }

    /** The future's value, its failure thrown as it was (an I/O failure as an IOException). */
    private static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /**
     * Whether a record whose base and segments are {@code read} takes one more segment of {@code frameBytes}
     * and still has {@code entries} entries near its base's count, rather than a new base; segments
     * of at most {@code floorBytes} in all are small whatever the base.
     */
    private static boolean small(RecordSegments.Loaded<?> read, long frameBytes, int entries, int floorBytes) {
        RecordSegments.Extent e = read.extent();
        long segmentBytes = e.validBytes() - e.baseBytes() + frameBytes;
        long base = e.baseEntries();
        return e.segments() < MAX_SEGMENTS
                && (segmentBytes <= floorBytes || segmentBytes * SEGMENTS_PER_BASE <= e.baseBytes())
                && Math.abs(entries - base) * SEGMENTS_PER_BASE <= base;
    }
}
