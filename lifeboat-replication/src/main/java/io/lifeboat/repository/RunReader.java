package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.hashing.BlockHasher;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
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

    /**
     * The blocks {@code ids}, found at {@code locs}, read and verified into {@code dest}: block
     * {@code i}'s {@code lengths[i]} bytes at {@code dest}'s index {@code at[i]}, where the caller
     * will write them from (a failover's aligned group buffer, laid out as the target file is). Each
     * range is read on its own thread into a buffer of the backend's, lent to this reader, and every
     * block of it is copied (a raw body) or inflated (a zstd body) straight to its place and hashed
     * there while it is still in the core's cache: a raw block's bytes are copied once on their way
     * from the pack to the target (issue 14, session 12). Nothing in {@code dest} may be used unless
     * this returns: a damaged block throws (naming its pack and offset) and is added to
     * {@code damaged}; the other blocks of the run may have been placed already, and after a
     * failure the run's other ranges may still be landing in {@code dest} for a while, so the caller
     * must drop a buffer whose read failed rather than reuse it.
     *
     * @param dest outside the heap or not; written with absolute puts only (its position is left as
     *     it was), each range's blocks from that range's thread, so the slots must not overlap
     */
    void readInto(List<BlockId> ids, Pack.Location[] locs, int[] lengths, ByteBuffer dest, int[] at) {
        for (int i = 0; i < locs.length; i++) {
            Pack.Location loc = locs[i];
            if (loc.raw() != lengths[i] || loc.raw() > maxBlockBytes || at[i] < 0 || at[i] + lengths[i] > dest.limit()) {
                BlockId id = ids.get(i);
                throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file()) + " at offset " + loc.offset()
                        + ": the index says " + loc.raw() + " bytes where the point says " + lengths[i]
                        + (loc.raw() > maxBlockBytes ? " (more than the largest block allowed, " + maxBlockBytes + ")" : ""));
            }
        }
        List<PackRanges.Range> ranges = PackRanges.plan(locs);
        List<Future<?>> others = new ArrayList<>();
        for (int r = 1; r < ranges.size(); r++) {
            PackRanges.Range range = ranges.get(r);
            others.add(RANGES.submit(() -> placeRange(range, ids, locs, dest, at)));
        }
        try {
            placeRange(ranges.get(0), ids, locs, dest, at);
            for (Future<?> f : others) {
                await(f);
            }
        } finally {
            others.forEach(f -> f.cancel(true)); // after a failure, nobody waits for the rest
        }
    }

    /**
     * One range read, its blocks copied or inflated into their slots of {@code dest} and hashed: a
     * raw block as it is copied when SHA-256 is {@link MessageDigest}'s (a CPU with SHA extensions,
     * {@link BlockHasher#basis}), the others once the range is placed (many per vector, where the
     * vector kernel hashes).
     */
    private Void placeRange(PackRanges.Range range, List<BlockId> ids, Pack.Location[] locs, ByteBuffer dest, int[] at) {
        int[] members = range.members();
        BlockId[] actual = new BlockId[members.length];
        boolean hashWhileCopying = hashRawWhileCopying;
        readRange(range, ids, locs, buf -> {
            for (int k = 0; k < members.length; k++) {
                int i = members[k];
                actual[k] = place(ids.get(i), locs[i], buf, (int) (locs[i].offset() - range.offset()), dest, at[i],
                        hashWhileCopying);
            }
        });
        int left = 0;
        ByteBuffer[] placed = new ByteBuffer[members.length];
        int[] which = new int[members.length];
        for (int k = 0; k < members.length; k++) {
            if (actual[k] == null) {
                int i = members[k];
                placed[left] = dest.slice(at[i], locs[i].raw());
                which[left++] = k;
            }
        }
        if (left > 0) {
            BlockId[] hashed = BlockId.ofAll(placed, left);
            for (int j = 0; j < left; j++) {
                actual[which[j]] = hashed[j];
            }
        }
        for (int k = 0; k < members.length; k++) {
            int i = members[k];
            BlockId id = ids.get(i);
            if (!actual[k].equals(id)) {
                damaged.add(id);
                throw new IntegrityException(id, locs[i].file(), BlockCodec.where(id, locs[i].file()) + " at offset "
                        + locs[i].offset() + ": SHA-256 of its " + locs[i].raw() + " bytes is " + actual[k] + " (damaged)");
            }
        }
        return null;
    }

    /**
     * Block {@code id}'s record at {@code buf}'s index {@code rec}: its header checked, its body put
     * at {@code dest[to]}.
     *
     * @return the block's SHA-256 when {@code hash} and it was copied (a raw body), else null (hash it where it lies)
     */
    private BlockId place(BlockId id, Pack.Location loc, ByteBuffer buf, int rec, ByteBuffer dest, int to, boolean hash) {
        try {
            int body = Pack.bodyAt(id, loc, buf, rec);
            if (loc.encoding() != BlockEncoding.RAW) {
                BlockCodec.inflateInto(id, loc.file(), loc.offset(), buf, body, loc.stored(), dest, to, loc.raw());
                return null;
            }
            // stored == raw: the header check compared both with the index
            if (!hash) {
                dest.put(to, buf, body, loc.stored());
                return null;
            }
            return copyAndHash(buf, body, loc.stored(), dest, to);
        } catch (IntegrityException e) {
            damaged.add(id);
            throw e;
        }
    }

    /**
     * Raw blocks hashed chunk by chunk as they are copied, by {@link MessageDigest}: where it is what
     * hashes blocks (a CPU with SHA extensions). The vector kernel hashes many equal blocks at once,
     * so without them a range's blocks are copied first and hashed together. A test sets this to
     * run the other way on any CPU.
     */
    static volatile boolean hashRawWhileCopying = BlockHasher.basis() == BlockHasher.Basis.SHA_EXTENSIONS;

    /** Bytes copied and hashed at once: small enough to stay in the core's first-level cache between the two. */
    private static final int CHUNK = 16 << 10;
    private static final ThreadLocal<byte[]> CHUNKS = ThreadLocal.withInitial(() -> new byte[CHUNK]);
    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(BlockId::sha256);

    /**
     * Copies {@code src[from .. from + length)} to {@code dest[to]} and returns its SHA-256, reading
     * the source once: from a buffer outside the heap (the O_DIRECT read buffer) a chunk at a time
     * through a small array that the digest and the copy both read while it is in the core's cache;
     * {@link MessageDigest} would otherwise copy a direct buffer through a temporary array of its own,
     * after the copy had already pushed the block out to memory.
     */
    private static BlockId copyAndHash(ByteBuffer src, int from, int length, ByteBuffer dest, int to) {
        MessageDigest sha = SHA.get();
        if (src.hasArray()) {
            sha.update(src.array(), src.arrayOffset() + from, length);
            dest.put(to, src.array(), src.arrayOffset() + from, length);
        } else {
            byte[] chunk = CHUNKS.get();
            for (int done = 0; done < length; ) {
                int n = Math.min(CHUNK, length - done);
                src.get(from + done, chunk, 0, n);
                sha.update(chunk, 0, n);
                dest.put(to + done, chunk, 0, n);
                done += n;
            }
        }
        return BlockId.fromBytes(sha.digest());
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
        byte[][] out = new byte[1][];
        readRange(range, ids, locs, null, out);
        return out[0];
    }

    private void readRange(PackRanges.Range range, List<BlockId> ids, Pack.Location[] locs, Backend.RangeUse use) {
        readRange(range, ids, locs, use, null);
    }

    /** Reads {@code range}: lent to {@code use}, or (when {@code use} is null) returned in {@code out[0]}. */
    private void readRange(PackRanges.Range range, List<BlockId> ids, Pack.Location[] locs, Backend.RangeUse use,
            byte[][] out) {
        int first = range.members()[0];
        BlockId id = ids.get(first);
        String file = locs[first].file();
        try {
            if (sync.isPending(range.pack())) {
                sync.syncAll(); // written behind and not yet in the store's listing: make it durable first
            }
            Handle pack = new Handle(FileType.DATA, range.pack());
            if (use == null) {
                out[0] = backend.readOnce(pack, range.offset(), range.length());
            } else {
                backend.readOnce(pack, range.offset(), range.length(), use);
            }
        } catch (NoSuchFileException e) {
            throw new IntegrityException(id, file, BlockCodec.where(id, file) + ": the pack file is missing");
        } catch (EOFException e) {
            throw new IntegrityException(id, file, BlockCodec.where(id, file) + ": the pack file is truncated");
        } catch (IOException e) {
            throw Repository.storage("read " + range.members().length + " block(s) from " + file + " at offset "
                    + range.offset() + " (+" + range.length() + " bytes)", e);
        }
    }

    private static <T> T await(Future<T> f) {
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
