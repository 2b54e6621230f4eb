package io.lifeboat.repository;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact summary of the blocks one point names (a Bloom filter over their ids), stored beside the
 * point's manifest at commit, so that a sweep learns which of a machine's blocks its kept points may
 * name without decoding every kept point's manifest (32 bytes and more per reference; 4 bytes per
 * block here): {@link Sweep#dropOwnership}.
 *
 * <p>Why a sweep may trust it: a filter built from every block a point names answers "may hold" for
 * each of them (a Bloom filter has no false negatives), so a block no kept point's filter may hold is
 * named by no kept point. A false positive only keeps an unneeded block owned while that point is
 * kept (about one block in 3 million per part of a point, at 32 bits and 16 hashes a block): a leak
 * that the sweep after that point is dropped frees, never a loss. A damaged filter must never be trusted (a cleared
 * bit is a false negative): its file is named by the SHA-256 of its bytes, checked on every read
 * ({@link ManifestStore#read}), and its block count must equal the point file's; a point without a
 * readable filter (an older vault's, a point too large, a file lost or damaged) is read in full.
 *
 * <p>Parts: a point of more than {@link #PART_BLOCKS} blocks gets its filter in parts, each a file of its
 * own of the blocks in {@link #PART_BLOCKS} consecutive references (the last one fewer), built and stored
 * as soon as it fills, while the commit's check streams the manifest by ({@link Collector}): so a commit
 * holds one part's ids (8 MiB) and bits (4 MiB) at most, whatever the point's size. The point file names
 * the parts in order (a block may be in any); each part's file is a filter of one part, counting the
 * references it was built of, and the parts' counts add up to the point file's. A sweep trusts the
 * parts only together: one missing, damaged or miscounting part makes the whole point read in full.
 *
 * <p>Layout of a file, big-endian: {@code "LBBF"}, version (1 byte, 1), hashes per block (1 byte), blocks
 * counted (8 bytes, references with repeats), parts (4 bytes; this version writes files of one part and
 * reads several), then per part its bits (8 bytes, a
 * multiple of 64) and the bits as longs. Block ids are SHA-256 digests, so their first 64 bits are
 * already a uniform hash: bit {@code i} of a block in a part of {@code m} bits is {@code (h + i * g)
 * mod m}, {@code h} those bits and {@code g} a mix of them.
 */
final class BlockFilter {
    static final int BITS_PER_BLOCK = 32;
    static final int HASHES = 16;
    /**
     * The references one part of a point's filter is built of (their ids take 8 MiB to gather at commit,
     * the part 4 MiB): a point naming more gets its filter in several parts.
     */
    static final int PART_BLOCKS = 1 << 20;
    /**
     * The fewest bits of a part: a block's bits are a progression {@code h + i * g}, and in a part of m
     * bits about 2 in m * m / 2 other blocks fall on the very same ones, which would matter in a tiny part.
     */
    static final int MIN_BITS = 1024;
    private static final int MAGIC = 0x4C424246; // "LBBF"
    private static final int VERSION = 1;
    private static final int HEADER = 4 + 1 + 1 + 8 + 4;
    /** Bits of one part at most, as a reader accepts them (a part of {@link #PART_BLOCKS} has 2^25). */
    private static final long MAX_PART_BITS = 1L << 31;

    private final List<long[]> parts;
    private final long count;
    private final int hashes;

    private BlockFilter(List<long[]> parts, long count, int hashes) {
        this.parts = parts;
        this.count = count;
        this.hashes = hashes;
    }

    /** A filter of one part: the blocks whose first 64 bits are {@code ids[0..n)}. */
    static BlockFilter of(long[] ids, int n) {
        return new BlockFilter(List.of(part(ids, n)), n, HASHES);
    }

    private static long[] part(long[] ids, int n) {
        long size = Math.max(MIN_BITS, ((long) n * BITS_PER_BLOCK + 63) / 64 * 64);
        long[] bits = new long[(int) (size / 64)];
        for (int i = 0; i < n; i++) {
            long h = ids[i];
            long g = step(h);
            for (int k = 0; k < HASHES; k++) {
                long bit = Long.remainderUnsigned(h + k * g, size);
                bits[(int) (bit >>> 6)] |= 1L << bit;
            }
        }
        return bits;
    }

    /**
     * One filter of the parts of {@code filters}, in order (a point's parts, each read from its file);
     * they must have been built with the same number of hashes.
     */
    static BlockFilter joined(List<BlockFilter> filters) {
        List<long[]> parts = new ArrayList<>();
        long count = 0;
        for (BlockFilter f : filters) {
            if (f.hashes != filters.get(0).hashes) {
                throw new IllegalArgumentException("parts built with " + f.hashes + " and " + filters.get(0).hashes + " hashes");
            }
            parts.addAll(f.parts);
            count += f.count;
        }
        return new BlockFilter(List.copyOf(parts), count, filters.get(0).hashes);
    }

    /** Block references the point names (with repeats), as its point file's {@code blocks} counts them. */
    long count() {
        return count;
    }

    /** False only when the point does not name {@code id}. */
    boolean mayHold(BlockId id) {
        long h = id.first64();
        long g = step(h);
        for (long[] bits : parts) {
            if (holds(bits, h, g)) {
                return true;
            }
        }
        return false;
    }

    private boolean holds(long[] bits, long h, long g) {
        long size = (long) bits.length * 64;
        for (int i = 0; i < hashes; i++) {
            long bit = Long.remainderUnsigned(h + i * g, size);
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The stride between a block's bits: odd, and unrelated to {@code h}'s low bits (SplitMix64's finaliser). */
    private static long step(long h) {
        long z = h * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) | 1;
    }

    byte[] encode() {
        long size = HEADER;
        for (long[] bits : parts) {
            size += 8 + bits.length * 8L;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
        out.putInt(MAGIC).put((byte) VERSION).put((byte) hashes).putLong(count).putInt(parts.size());
        for (long[] bits : parts) {
            out.putLong(bits.length * 64L);
            out.asLongBuffer().put(bits);
            out.position(out.position() + bits.length * 8);
        }
        return out.array();
    }

    /**
     * Reads a filter's bytes ({@code where} names the file in the message).
     *
     * @throws IntegrityException when they are not a filter of this version, whole
     */
    static BlockFilter decode(byte[] bytes, String where) {
        if (bytes.length < HEADER) {
            throw bad(where, "is " + bytes.length + " bytes, shorter than its " + HEADER + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) {
            throw bad(where, "does not start with \"LBBF\"");
        }
        int version = in.get();
        int hashes = in.get();
        long count = in.getLong();
        int n = in.getInt();
        if (version != VERSION) {
            throw bad(where, "has format version " + version + ", not " + VERSION);
        }
        if (hashes < 1 || hashes > 32 || count < 0 || n < 1 || n > bytes.length / 8) {
            throw bad(where, "has a header (hashes " + hashes + ", blocks " + count + ", parts " + n
                    + ") that does not fit its " + bytes.length + " bytes");
        }
        List<long[]> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long size = in.remaining() >= 8 ? in.getLong() : -1;
            if (size < 64 || size % 64 != 0 || size > MAX_PART_BITS || size / 8 > in.remaining()) {
                throw bad(where, "has a part " + i + " of " + size + " bits that does not fit its " + bytes.length + " bytes");
            }
            long[] bits = new long[(int) (size / 64)];
            in.asLongBuffer().get(bits);
            in.position(in.position() + bits.length * 8);
            parts.add(bits);
        }
        if (in.hasRemaining()) {
            throw bad(where, "has " + in.remaining() + " bytes after its last part");
        }
        return new BlockFilter(List.copyOf(parts), count, hashes);
    }

    private static IntegrityException bad(String where, String what) {
        return new IntegrityException(null, where, "block filter " + where + " " + what);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BlockFilter f) || f.count != count || f.hashes != hashes || f.parts.size() != parts.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!Arrays.equals(f.parts.get(i), parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count);
    }

    /** Where a {@link Collector} stores each part as it fills; returns the name of the file it wrote. */
    @FunctionalInterface
    interface PartStore {
        String store(byte[] part) throws IOException;
    }

    /**
     * Passes a manifest on to {@code next} unchanged and builds the point's filter from the first 64 bits
     * of every block it names: each {@link #PART_BLOCKS} references a part, stored at once through
     * {@code store} and dropped (a vault commits a point of any size in a small heap), and the last one at
     * {@link #finish}. Without a store (a filter that may not be written yet), a point of more than one
     * part's references gets none.
     */
    static final class Collector implements ManifestVisitor {
        private final ManifestVisitor next;
        private final PartStore store;
        private final List<String> stored = new ArrayList<>();
        private long[] ids = new long[1024];
        private int n;
        private boolean none;

        Collector(ManifestVisitor next, PartStore store) {
            this.next = next;
            this.store = store;
        }

        @Override
        public void entry(Entry header) {
            next.entry(header);
        }

        @Override
        public void block(BlockId id, int length) {
            next.block(id, length);
            if (none) {
                return;
            }
            if (n == ids.length) {
                if (n == PART_BLOCKS) {
                    storePart();
                    if (none) {
                        return;
                    }
                } else {
                    ids = Arrays.copyOf(ids, Math.min(PART_BLOCKS, n * 2));
                }
            }
            ids[n++] = id.first64();
        }

        /** Stores the full part and starts the next; with no store or a failed one, the point gets no filter. */
        private void storePart() {
            if (store == null) {
                giveUp(null);
                return;
            }
            try {
                stored.add(store.store(BlockFilter.of(ids, n).encode()));
                n = 0;
            } catch (IOException | java.io.UncheckedIOException e) {
                giveUp(e);
            }
        }

        private void giveUp(Exception e) {
            if (e != null) {
                org.slf4j.LoggerFactory.getLogger(BlockFilter.class).warn(
                        "could not store a part of a point's block filter ({}); the point is committed without one", e.getMessage());
            }
            none = true;
            ids = null;
        }

        @Override
        public void zeros(long count, int length) {
            next.zeros(count, length);
        }

        /**
         * The filter of the blocks seen since the last part stored (all of them when none was), or null
         * when the point gets none (more than a part's references without a store, or a part not stored).
         */
        BlockFilter last() {
            return none ? null : BlockFilter.of(ids, n);
        }

        /**
         * Stores the last part and returns the names of the point's parts in order; empty when it gets no
         * filter (then the parts stored are named by no point, and collected like unnamed chunks).
         */
        List<String> finish() {
            BlockFilter last = last();
            if (last != null && store != null) {
                try {
                    stored.add(store.store(last.encode()));
                    return List.copyOf(stored);
                } catch (IOException | java.io.UncheckedIOException e) {
                    giveUp(e);
                }
            }
            return List.of();
        }
    }
}
