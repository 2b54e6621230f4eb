package io.lifeboat.repository;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The blocks of the one FILE entry of an image, device or file point, read from its manifest chunks
 * when asked for: so a failover of a 4 TiB image walks 2^27 block references holding a few decoded
 * chunks, not 8 GiB of them. {@link Repository#manifest} hands it out inside an otherwise ordinary
 * {@link Manifest}; callers see an immutable {@code List<BlockRef>}.
 *
 * <p>Built from a first pass that counted the references of each chunk; {@link #get} finds the chunk
 * by binary search, decodes it (checking its hash again) and keeps the last {@link #CACHED} decoded
 * chunks. Zero runs stay runs (one shared {@link BlockRef} each), so a hole of a terabyte costs one
 * slot. Thread-safe: failover reads ahead on other threads. Reading a chunk that was damaged or
 * removed since the first pass throws the {@link IntegrityException} naming it.
 */
final class ChunkedBlockList extends AbstractList<BlockRef> implements RandomAccess {
    /** Decodes chunk {@code i} of the point into {@code v}. */
    @FunctionalInterface
    interface Chunks {
        void read(int chunk, ManifestVisitor v);
    }

    private static final int CACHED = 4;

    private final Chunks chunks;
    /** {@code starts[i]}: the index of the first reference of chunk i; {@code starts[n]} is the size. */
    private final long[] starts;
    private final Map<Integer, Decoded> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Decoded> eldest) {
            return size() > CACHED;
        }
    };

    ChunkedBlockList(Chunks chunks, long[] starts) {
        if (starts[starts.length - 1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an entry of " + starts[starts.length - 1] + " blocks is more than a list holds");
        }
        this.chunks = chunks;
        this.starts = starts.clone();
    }

    @Override
    public int size() {
        return (int) starts[starts.length - 1];
    }

    @Override
    public BlockRef get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("block " + index + " of " + size());
        }
        int chunk = Arrays.binarySearch(starts, index);
        if (chunk < 0) {
            chunk = -chunk - 2;
        }
        while (starts[chunk + 1] == index) {
            chunk++; // skip chunks that hold no reference (an entry record alone)
        }
        return decoded(chunk).get(index - starts[chunk]);
    }

    private Decoded decoded(int chunk) {
        synchronized (cache) {
            Decoded d = cache.get(chunk);
            if (d != null) {
                return d;
            }
        }
        Decoded d = new Decoded();
        chunks.read(chunk, d); // outside the lock: read-ahead threads decode other chunks at once
        if (d.count != starts[chunk + 1] - starts[chunk]) {
            throw ManifestChunkReader.bad("manifest chunk " + chunk + " of the point", "holds " + d.count
                    + " block references, " + (starts[chunk + 1] - starts[chunk]) + " when first read");
        }
        synchronized (cache) {
            cache.put(chunk, d);
        }
        return d;
    }

    /** One chunk's references as segments: a block, or a run of zero blocks. */
    private static final class Decoded implements ManifestVisitor {
        private long[] segStart = new long[1024];
        private BlockRef[] segRef = new BlockRef[1024];
        private int segments;
        private long count;

        @Override
        public void entry(Entry header) {
            // the one entry's header: the caller has it already
        }

        @Override
        public void block(BlockId id, int length) {
            add(new BlockRef(id, length), 1);
        }

        @Override
        public void zeros(long n, int length) {
            add(BlockRef.zero(length), n);
        }

        private void add(BlockRef ref, long n) {
            if (segments == segStart.length) {
                segStart = Arrays.copyOf(segStart, segments * 2);
                segRef = Arrays.copyOf(segRef, segments * 2);
            }
            segStart[segments] = count;
            segRef[segments++] = ref;
            count += n;
        }

        BlockRef get(long offset) {
            int s = Arrays.binarySearch(segStart, 0, segments, offset);
            return segRef[s >= 0 ? s : -s - 2];
        }
    }
}
