package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads a source into a {@link Manifest}: files are cut into fixed-size blocks named by SHA-256,
 * all-zero blocks become zero refs (never handed to the sink), a block unchanged since the last
 * point ({@link KnownBlocks}) keeps its id unhashed and is not handed to the sink either, every
 * other block is hashed and goes to the sink. What it read is recorded for the next pass.
 * A tree is walked by {@link TreeWalk}, which hands each regular file to {@link #file}. Each group of
 * blocks is read and named by {@link BlockGroupReader}, ahead of the walking thread on {@link ReadAhead}'s threads.
 * Files are read to end of file, so a device needs no size and a file that grows or shrinks while
 * read is recorded as read (which is why a point read without a snapshot is labelled live).
 */
final class SourceReader {
    private final int blockSize;
    /** Reads and names the blocks of each group. */
    private final BlockGroupReader groups;
    private final ProtectListener listener;
    private final StopSignal stop;
    private final BlockBuffers buffers;
    private final KnownBlocks known;
    private final KnownBlocks.Recorder record;
    private long blocksUnchanged;
    /**
     * Whether files are opened for reading around the page cache ({@link SourceChannel}): on the
     * first pass over an image, a device or a single file (no record of a last point), which reads
     * every byte once and mostly finds none in the cache. Not on later passes, which read the same
     * source again and again and find what changed in the cache (a rescan of 1 GiB from the cache
     * took 2.7-3.3 s, around it 4.0-5.3 s, with the disk's speed), nor for a tree, whose small
     * files are read through the cache as rsync reads them.
     */
    private boolean directReads;
    /** Reads ahead of the walking thread ({@link #readAhead()}); shut down at the end of {@link #read}. */
    private final ReadAhead readAhead = new ReadAhead();
    /** The walk of a tree source, made by {@link #read} for a folder. */
    private TreeWalk tree;
    /** The last committed point, whose unchanged files a tree pass keeps unread; none unless {@link #keepUnchanged}. */
    private PreviousPoint previous = PreviousPoint.NONE;
    /** See {@link BlockGroupReader#WARM_UP_AFTER_BYTES}. */
    static final long WARM_UP_AFTER_BYTES = BlockGroupReader.WARM_UP_AFTER_BYTES;

    SourceReader(int blockSize, ProtectListener listener, StopSignal stop, BlockBuffers buffers, KnownBlocks known,
            BlockFingerprint fingerprint) {
        this.blockSize = blockSize;
        this.known = known;
        this.groups = new BlockGroupReader(blockSize, buffers, fingerprint);
        this.record = new KnownBlocks.Recorder(blockSize);
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

    /** The record as this pass collects it (for tests: how its arrays were made). */
    KnownBlocks.Recorder recorder() {
        return record;
    }

    /** The record of what this pass read, to keep once its point is committed. */
    KnownBlocks record(String point) {
        return record.toRecord(point);
    }

    /** Reads {@code source} (the source itself or a snapshot of it) into a manifest of the source named {@code name}. */
    Manifest read(Path source, String name, SourceKind kind, BlockSink sink) throws IOException, InterruptedException {
        List<Entry> entries = new ArrayList<>();
        try {
            directReads = kind != SourceKind.DIRECTORY && known.isEmpty();
            if (kind == SourceKind.DIRECTORY) {
                tree = new TreeWalk(this, listener, stop, previous);
                tree.walk(source, "", entries, sink);
            } else {
                BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
                // a device's attributes give no size: the device does
                record.expect("", a.isRegularFile() ? a.size() : SourceKinds.estimateSize(source, kind));
                entries.add(file(source, "", a, SourceMetadata.mode(source, 0644), sink));
            }
        } finally {
            readAhead.shutdown(); // idle: every read it started was taken or discarded
        }
        return new Manifest(Manifest.FORMAT_VERSION, name, kind, blockSize, entries);
    }

    private Entry file(Path file, String rel, BasicFileAttributes a, int mode, BlockSink sink)
            throws IOException, InterruptedException {
        return file(file, rel, a, mode, sink, null, null);
    }

    /** The first group of the small file {@code name}, read by the tree's look-ahead. */
    Group readFirstGroup(FileChannel ch, long size, String name) throws IOException {
        return groups.readGroup(new SourceChannel(ch, false), 0, size, known.file(name), 0);
    }

    /** A file's entry; {@code opened} and {@code read} are the file and its first group when read ahead. */
    Entry file(Path file, String rel, BasicFileAttributes a, int mode, BlockSink sink, FileChannel opened,
            Group read) throws IOException, InterruptedException {
        List<BlockRef> blocks = new ArrayList<>();
        KnownBlocks.File last = known.file(rel);
        long size = 0;
        SourceChannel source = opened != null ? new SourceChannel(opened, false)
                : SourceChannel.open(file, blockSize, directReads);
        try (source) {
            Future<Group> ahead = null;
            try {
                Group g = read != null ? read : groups.readGroup(source, 0, a.size(), last, 0);
                while (true) {
                    stop.check();
                    long first = blocks.size();
                    if (!g.eof) { // read and hash the next group while this one is handed over
                        long at = size + (long) g.count * blockSize;
                        long index = first + g.count;
                        ahead = readAhead().submit(() -> groups.readGroup(source, at, a.size(), last, index));
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
                        sink.accept(g.ids[i], data, g.lengths[i], g.looksIncompressible[i]);
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

    /** The read-ahead threads (see {@link ReadAhead#pool}); {@link TreeWalk} looks a folder's children ahead on them too. */
    ExecutorService readAhead() {
        return readAhead.pool();
    }

    /** {@link ReadAhead#take}, for {@link TreeWalk}. */
    static <T> T take(Future<T> ahead) throws IOException, InterruptedException {
        return ReadAhead.take(ahead);
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

    /** {@link ReadAhead#await}, for {@link TreeWalk}. */
    static <T> T await(Future<T> ahead) {
        return ReadAhead.await(ahead);
    }

    /**
     * Up to {@link BlockGroupReader#GROUP} consecutive blocks: their lengths and ids (null for all-zero), and in the
     * heap only the bytes of the blocks that go to the sink (changed since the last point).
     */
    static final class Group {
        final byte[][] data = new byte[BlockGroupReader.GROUP][];
        /** The block was read (possibly short or empty, at the end of the file). */
        final boolean[] read = new boolean[BlockGroupReader.GROUP];
        final int[] lengths = new int[BlockGroupReader.GROUP];
        final BlockId[] ids = new BlockId[BlockGroupReader.GROUP];
        final BlockFingerprint.Fingerprint[] fingerprints = new BlockFingerprint.Fingerprint[BlockGroupReader.GROUP];
        /** The block has the length and fingerprint it had in the last point, so it kept that id. */
        final boolean[] unchanged = new boolean[BlockGroupReader.GROUP];
        /** The compressibility sniff's verdict on a changed block, taken while it was in the reader's cache. */
        final boolean[] looksIncompressible = new boolean[BlockGroupReader.GROUP];
        int count;
        boolean eof;
    }
}
