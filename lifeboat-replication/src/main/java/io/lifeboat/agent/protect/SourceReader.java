package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.hashing.MultiBlockSha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Reads a source into a {@link Manifest}: files are cut into fixed-size blocks named by SHA-256,
 * all-zero blocks become zero refs (never handed to the sink), a block unchanged since the last
 * point ({@link KnownBlocks}) keeps its id unhashed and is not handed to the sink either, every
 * other block is hashed and goes to the sink. What it read is recorded for the next pass.
 * A tree is walked by {@link TreeWalk}, which hands each regular file to {@link #file}.
 * Files are read to end of file, so a device needs no size and a file that grows or shrinks while
 * read is recorded as read (which is why a point read without a snapshot is labelled live).
 */
final class SourceReader {
    private final int blockSize;
    /** A block of zeros outside the heap, to compare blocks read there with. */
    private final ByteBuffer zeros;
    /**
     * Buffers of one slice's worth of the source, outside the heap (see {@link #readSlice}): one per
     * task reading at a time, handed back after each slice. A pool of the reader's own rather than a
     * thread-local, so they go away with the pass instead of staying with the pool's threads.
     */
    private final Queue<ByteBuffer> sliceBuffers = new ConcurrentLinkedQueue<>();
    private final ProtectListener listener;
    private final StopSignal stop;
    private final BlockBuffers buffers;
    private final KnownBlocks known;
    private final BlockFingerprint fingerprint;
    private final KnownBlocks.Recorder record;
    private long blocksUnchanged;
    private final AtomicLong bytesHashed = new AtomicLong();
    /** Reads ahead of the walking thread ({@link #readAhead()}); made on first use, shut down at the end of {@link #read}. */
    private ExecutorService readAhead;
    /** The walk of a tree source, made by {@link #read} for a folder. */
    private TreeWalk tree;
    /** The last committed point, whose unchanged files a tree pass keeps unread; none unless {@link #keepUnchanged}. */
    private PreviousPoint previous = PreviousPoint.NONE;
    /**
     * Hashing this much in one pass starts the vector kernel's warm-up: worth its second of CPU for
     * a source that changed a lot (or a running agent's first big pass), not for a few changed blocks.
     */
    static final long WARM_UP_AFTER_BYTES = MultiBlockSha256.WARM_UP_PAYS_AFTER_BYTES;
    /** Blocks read and hashed at a time, in slices of {@link #SLICE} on all cores. */
    private static final int GROUP = 256;
    /** Blocks one task reads and hashes: a slice is what a multi-buffer hash takes at once. */
    private static final int SLICE = 16;

    SourceReader(int blockSize, ProtectListener listener, StopSignal stop, BlockBuffers buffers, KnownBlocks known,
            BlockFingerprint fingerprint) {
        this.blockSize = blockSize;
        this.known = known;
        this.fingerprint = fingerprint;
        this.record = new KnownBlocks.Recorder(blockSize);
        this.zeros = ByteBuffer.allocateDirect(blockSize).asReadOnlyBuffer();
        this.listener = listener;
        this.stop = stop;
        this.buffers = buffers;
    }

    /** Non-zero blocks found unchanged since the last point: neither hashed nor sent. */
    long blocksUnchanged() {
        return blocksUnchanged;
    }

    /**
     * Files of the tree that are hard links to a file stored earlier in the pass: each is stored
     * (and restored) as a separate copy of it, sharing its blocks in the vault.
     */
    long hardLinkCopies() {
        return tree == null ? 0 : tree.hardLinkCopies();
    }

    /** Lets a tree pass keep the files of {@code last} whose stamp did not change, unread. */
    void keepUnchanged(PreviousPoint last) {
        this.previous = last;
    }

    /** The stamps of a tree's regular files as this pass found them (none for other sources). */
    java.util.Map<String, FileStamp> stamps() {
        return tree == null ? java.util.Map.of() : tree.stamps();
    }

    /** Files of a tree kept from the last point without being read. */
    long filesKept() {
        return tree == null ? 0 : tree.filesKept();
    }

    /**
     * A file kept unread from the last point ({@link TreeWalk}): its blocks count as unchanged, its
     * block record is carried into this pass's, and its bytes count as read for progress.
     */
    void keep(Entry kept, KnownBlocks.File recorded) {
        record.carry(kept.path(), recorded);
        for (BlockRef b : kept.blocks()) {
            blocksUnchanged += b.isZero() ? 0 : 1;
        }
        listener.read(kept.size());
    }

    /** The record of what this pass read, to keep once its point is committed. */
    KnownBlocks record(String point) {
        return record.toRecord(point);
    }

    /** Reads {@code source} (the source itself or a snapshot of it) into a manifest of the source named {@code name}. */
    Manifest read(Path source, String name, SourceKind kind, BlockSink sink) throws IOException, InterruptedException {
        List<Entry> entries = new ArrayList<>();
        try {
            if (kind == SourceKind.DIRECTORY) {
                tree = new TreeWalk(this, listener, stop, previous);
                tree.walk(source, "", entries, sink);
            } else {
                BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
                entries.add(file(source, "", a, SourceMetadata.mode(source, 0644), sink));
            }
        } finally {
            if (readAhead != null) {
                readAhead.shutdown(); // idle: every read it started was taken or discarded
                readAhead = null;
            }
        }
        return new Manifest(Manifest.FORMAT_VERSION, name, kind, blockSize, entries);
    }

    private Entry file(Path file, String rel, BasicFileAttributes a, int mode, BlockSink sink)
            throws IOException, InterruptedException {
        return file(file, rel, a, mode, sink, null, null);
    }

    /** The first group of the small file {@code name}, read by the tree's look-ahead. */
    Group readFirstGroup(FileChannel ch, long size, String name) throws IOException {
        return readGroup(ch, 0, size, known.file(name), 0);
    }

    /** A file's entry; {@code opened} and {@code read} are the file and its first group when read ahead. */
    Entry file(Path file, String rel, BasicFileAttributes a, int mode, BlockSink sink, FileChannel opened,
            Group read) throws IOException, InterruptedException {
        List<BlockRef> blocks = new ArrayList<>();
        KnownBlocks.File last = known.file(rel);
        long size = 0;
        try (FileChannel ch = opened != null ? opened : FileChannel.open(file, StandardOpenOption.READ)) {
            Future<Group> ahead = null;
            try {
                Group g = read != null ? read : readGroup(ch, 0, a.size(), last, 0);
                while (true) {
                    stop.check();
                    long first = blocks.size();
                    if (!g.eof) { // read and hash the next group while this one is handed over
                        long at = size + (long) g.count * blockSize;
                        long index = first + g.count;
                        ahead = readAhead().submit(() -> readGroup(ch, at, a.size(), last, index));
                    }
                    size += handOver(g, rel, first, blocks, sink);
                    if (g.eof) {
                        break;
                    }
                    g = take(ahead);
                    ahead = null;
                }
            } finally {
                discard(ahead); // a pass stopped or failed: wait for the read in flight, give its arrays back
            }
        }
        return new Entry(rel, EntryType.FILE, mode, SourceMetadata.mtimeNanos(a), size, null, blocks);
    }

    /**
     * Adds a group's blocks to the file's list and the record, hands the changed ones to the sink
     * (which gives their arrays back) and gives back the arrays of the rest. Returns the bytes.
     */
    private long handOver(Group g, String rel, long first, List<BlockRef> blocks, BlockSink sink)
            throws InterruptedException {
        long bytes = 0;
        try {
            for (int i = 0; i < g.count; i++) {
                bytes += g.lengths[i];
                listener.read(g.lengths[i]);
                if (g.ids[i] == null) {
                    blocks.add(BlockRef.zero(g.lengths[i]));
                } else {
                    blocks.add(new BlockRef(g.ids[i], g.lengths[i]));
                    record.block(rel, first + i, g.lengths[i], g.fingerprints[i], g.ids[i]);
                    if (g.unchanged[i]) {
                        blocksUnchanged++; // the vault holds it: the commit checks
                    } else {
                        byte[] data = g.data[i];
                        g.data[i] = null; // the sink's now
                        sink.accept(g.ids[i], data, g.lengths[i]);
                    }
                }
            }
        } finally {
            giveBack(g);
        }
        sink.moved();
        return bytes;
    }

    /** Gives back the arrays of a group that were not handed to the sink (read after a short block, or a pass stopped). */
    void giveBack(Group g) {
        for (int i = 0; i < g.data.length; i++) {
            buffers.give(g.data[i]);
            g.data[i] = null;
        }
    }

    /**
     * The threads (one per core, at least two) that read ahead of the walking thread: the next group
     * of a file while the current one is handed over, and in a tree the next children of a folder.
     * A pipeline of stages (reading and hashing, handing over and asking the vault, sealing, sending),
     * each bounded, so memory stays near a group (and a folder's look-ahead), three windows and two
     * batches.
     */
    ExecutorService readAhead() {
        if (readAhead == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            readAhead = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "lifeboat-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        return readAhead;
    }

    static <T> T take(Future<T> ahead) throws IOException, InterruptedException {
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Waits for a read in flight (never interrupted: an interrupt would close the file's channel
     * under it) and gives its arrays back; its failure no longer matters.
     */
    private void discard(Future<Group> ahead) {
        Group g = await(ahead);
        if (g != null) {
            giveBack(g);
        }
    }

    /** The result of a read in flight once it is done, or null if it failed or there was none; never interrupted. */
    static <T> T await(Future<T> ahead) {
        if (ahead == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return ahead.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | RuntimeException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Up to {@link #GROUP} consecutive blocks: their lengths and ids (null for all-zero), and in the
     * heap only the bytes of the blocks that go to the sink (changed since the last point).
     */
    static final class Group {
        final byte[][] data = new byte[GROUP][];
        /** The block was read (possibly short or empty, at the end of the file). */
        final boolean[] read = new boolean[GROUP];
        final int[] lengths = new int[GROUP];
        final BlockId[] ids = new BlockId[GROUP];
        final BlockFingerprint.Fingerprint[] fingerprints = new BlockFingerprint.Fingerprint[GROUP];
        /** The block has the length and fingerprint it had in the last point, so it kept that id. */
        final boolean[] unchanged = new boolean[GROUP];
        int count;
        boolean eof;
    }

    /**
     * Reads and hashes the group starting at {@code position} on all cores: each task reads its own
     * slice with positional reads and hashes it, so reading one slice overlaps hashing another
     * (hashing is the agent's main CPU cost, reading the next). The group ends at the first short
     * block: blocks after it are dropped even if a growing file filled them meanwhile, so what is
     * recorded is always a prefix of the file as read.
     *
     * <p>Only the slices the file's size ({@code sizeHint}, from its attributes) reaches are read,
     * one more if it ends on a slice's edge, and a single slice in the calling thread: in a tree of
     * small files, handing 16 slices per file to the pool, 15 of them past the end, was most of
     * the reader's time. A file that grew since still reads on: the group ends the file only where
     * it met a short block.
     */
    private Group readGroup(FileChannel ch, long position, long sizeHint, KnownBlocks.File last, long firstIndex)
            throws IOException {
        Group g = new Group();
        long sliceBytes = (long) SLICE * blockSize;
        long remaining = Math.max(0, sizeHint - position);
        int slices = (int) Math.min(GROUP / SLICE, remaining / sliceBytes + 1);
        if (slices == 1) {
            readSlice(ch, g, 0, position, last, firstIndex);
        } else {
            IOException[] failed = new IOException[1];
            IntStream.range(0, slices).parallel().forEach(t -> {
                try {
                    readSlice(ch, g, t * SLICE, position, last, firstIndex);
                } catch (IOException e) {
                    synchronized (failed) {
                        failed[0] = e;
                    }
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        int read = slices * SLICE;
        int n = 0;
        while (n < read && g.read[n] && g.lengths[n] == blockSize) {
            n++;
        }
        g.eof = n < read;
        if (g.eof && g.read[n] && g.lengths[n] > 0) {
            n++; // the last, short block
        }
        g.count = n;
        return g;
    }

    /**
     * Reads the slice of blocks {@code [from, from + SLICE)} of the group with one positional read
     * into a buffer outside the heap (from {@link #sliceBuffers}), and finds each block's id: none
     * for an all-zero block, the last point's for a block whose fingerprint is unchanged, else its
     * SHA-256 (many at a time). All-zero blocks are recognised there and never copied; every other
     * block is copied into a pooled heap array, fingerprinted there (the fingerprint's library
     * hashes arrays) and, when unchanged, handed straight back to the pool.
     *
     * <p>Why outside the heap: the JDK reads a file into a heap array through a buffer of its own
     * outside the heap and then copies it over; reading there directly saves that copy for the
     * zero blocks and leaves one copy of 32 KiB per block (a few microseconds) for the others.
     */
    private void readSlice(FileChannel ch, Group g, int from, long position, KnownBlocks.File last, long firstIndex)
            throws IOException {
        ByteBuffer slice = sliceBuffers.poll();
        if (slice == null) {
            slice = ByteBuffer.allocateDirect(SLICE * blockSize);
        }
        try {
            readSliceInto(slice.clear(), ch, g, from, position, last, firstIndex);
        } finally {
            sliceBuffers.offer(slice);
        }
    }

    private void readSliceInto(ByteBuffer slice, FileChannel ch, Group g, int from, long position,
                               KnownBlocks.File last, long firstIndex) throws IOException {
        long start = position + (long) from * blockSize;
        while (slice.hasRemaining()) {
            if (ch.read(slice, start + slice.position()) < 0) {
                break;
            }
        }
        int got = slice.position();
        byte[][] data = new byte[SLICE][];
        int[] lengths = new int[SLICE];
        int[] slot = new int[SLICE];
        int n = 0;
        for (int i = from; i < from + SLICE; i++) {
            int at = (i - from) * blockSize;
            int len = Math.max(0, Math.min(blockSize, got - at));
            g.read[i] = true;
            g.lengths[i] = len;
            ByteBuffer block = slice.slice(at, len);
            if (len > 0 && block.mismatch(zeros.slice(0, len)) >= 0) {
                byte[] bytes = buffers.take();
                block.get(0, bytes, 0, len);
                g.fingerprints[i] = fingerprint.of(bytes, 0, len);
                BlockId before = last.unchanged(firstIndex + i, len, g.fingerprints[i]);
                if (before != null) {
                    buffers.give(bytes);
                    g.ids[i] = before;
                    g.unchanged[i] = true;
                } else {
                    g.data[i] = bytes;
                    data[n] = bytes;
                    lengths[n] = len;
                    slot[n++] = i;
                }
            }
            if (len < blockSize) {
                break; // end of file within this slice
            }
        }
        long hashed = 0;
        for (int k = 0; k < n; k++) {
            hashed += lengths[k];
        }
        long total = bytesHashed.addAndGet(hashed);
        if (total > WARM_UP_AFTER_BYTES && total - hashed <= WARM_UP_AFTER_BYTES) {
            MultiBlockSha256.prepare(); // the one slice that crosses the line starts it
        }
        BlockId[] ids = BlockId.ofAll(data, lengths, n);
        for (int k = 0; k < n; k++) {
            g.ids[slot[k]] = ids[k];
        }
    }
}
