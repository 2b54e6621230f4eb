package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a run of stored blocks as few ranged reads as their packs allow ({@link PackRanges}), up to
 * {@link #IN_FLIGHT} ranges at once, then checks each record's header, inflates the compressed
 * bodies, and hashes all the blocks together ({@link BlockId#ofAll}). A raw block stays where its
 * range was read into. Nothing is returned unless every block is intact; a block found damaged is
 * added to {@code damaged}, as a one-block read does.
 */
final class RunReader {
    /**
     * Ranged reads in flight at once, over all runs of this process. A round trip to object
     * storage costs far more than its bytes; on a local folder the reads come from the page cache
     * or the disk's queue and several at once do no harm.
     */
    static final int IN_FLIGHT = 4;

    private static final ThreadPoolExecutor RANGES = rangeThreads();

    private final Backend backend;
    private final PackSync sync;
    private final Set<BlockId> damaged;
    private final int maxBlockBytes;

    RunReader(Backend backend, PackSync sync, Set<BlockId> damaged, int maxBlockBytes) {
        this.backend = backend;
        this.sync = sync;
        this.damaged = damaged;
        this.maxBlockBytes = maxBlockBytes;
    }

    /** The blocks {@code ids}, found at {@code locs}, read and verified. */
    BlockSlices read(List<BlockId> ids, Pack.Location[] locs) {
        int n = locs.length;
        byte[][] arrays = new byte[n][];
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        List<PackRanges.Range> ranges = PackRanges.plan(locs);
        byte[][] bytes = readAll(ranges, ids, locs);
        for (int r = 0; r < ranges.size(); r++) {
            PackRanges.Range range = ranges.get(r);
            for (int i : range.members()) {
                slice(ids.get(i), locs[i], bytes[r], (int) (locs[i].offset() - range.offset()), arrays, offsets, lengths, i);
            }
        }
        BlockId[] actual = BlockId.ofAll(arrays, offsets, lengths, n);
        for (int i = 0; i < n; i++) {
            try {
                BlockCodec.checkHash(ids.get(i), locs[i].file(), lengths[i], actual[i]);
            } catch (IntegrityException e) {
                damaged.add(ids.get(i));
                throw e;
            }
        }
        return new BlockSlices(arrays, offsets, lengths);
    }

    /** Block {@code i}'s record at {@code buf[at]}: its header checked, its body decoded into slot {@code i}. */
    private void slice(BlockId id, Pack.Location loc, byte[] buf, int at, byte[][] arrays, int[] offsets, int[] lengths,
            int i) {
        try {
            int body = Pack.bodyAt(id, loc, buf, at);
            if (loc.encoding() == BlockEncoding.RAW) {
                arrays[i] = buf;
                offsets[i] = body;
                lengths[i] = loc.stored();
            } else {
                arrays[i] = BlockCodec.inflateStored(id, loc.file(), buf, body, loc.stored(), maxBlockBytes);
                lengths[i] = arrays[i].length;
            }
            if (lengths[i] != loc.raw()) {
                throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file()) + ": " + lengths[i]
                        + " bytes where the index says " + loc.raw());
            }
        } catch (IntegrityException e) {
            damaged.add(id);
            throw e;
        }
    }

    /** Every range's bytes, in order: the first read here, the others on the range threads meanwhile. */
    private byte[][] readAll(List<PackRanges.Range> ranges, List<BlockId> ids, Pack.Location[] locs) {
        byte[][] out = new byte[ranges.size()][];
        List<Future<byte[]>> others = new ArrayList<>();
        for (int r = 1; r < ranges.size(); r++) {
            PackRanges.Range range = ranges.get(r);
            others.add(RANGES.submit(() -> readRange(range, ids, locs)));
        }
        try {
            out[0] = readRange(ranges.get(0), ids, locs);
            for (int r = 1; r < ranges.size(); r++) {
                out[r] = await(others.get(r - 1));
            }
            return out;
        } finally {
            others.forEach(f -> f.cancel(true)); // after a failure, nobody waits for the rest
        }
    }

    private byte[] readRange(PackRanges.Range range, List<BlockId> ids, Pack.Location[] locs) {
        int first = range.members()[0];
        BlockId id = ids.get(first);
        String file = locs[first].file();
        try {
            if (sync.isPending(range.pack())) {
                sync.syncAll(); // written behind and not yet in the store's listing: make it durable first
            }
            return backend.readOnce(new Handle(FileType.DATA, range.pack()), range.offset(), range.length());
        } catch (NoSuchFileException e) {
            throw new IntegrityException(id, file, BlockCodec.where(id, file) + ": the pack file is missing");
        } catch (EOFException e) {
            throw new IntegrityException(id, file, BlockCodec.where(id, file) + ": the pack file is truncated");
        } catch (IOException e) {
            throw Repository.storage("read " + range.members().length + " block(s) from " + file + " at offset "
                    + range.offset() + " (+" + range.length() + " bytes)", e);
        }
    }

    private static byte[] await(Future<byte[]> f) {
        return Await.result(f, e -> new RepositoryException(io.lifeboat.tls.LifeboatException.Kind.FAILED,
                "interrupted while reading blocks", e));
    }

    private static ThreadPoolExecutor rangeThreads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(IN_FLIGHT, IN_FLIGHT, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lifeboat-range-read");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // a vault that is not restoring keeps none
        return pool;
    }
}
