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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Reads a source into a {@link Manifest}: files are cut into fixed-size blocks named by SHA-256,
 * all-zero blocks become zero refs (never handed to the sink), a block unchanged since the last
 * point ({@link KnownBlocks}) keeps its id unhashed and is not handed to the sink either, every
 * other block is hashed and goes to the sink. What it read is recorded for the next pass.
 * A tree is walked depth-first in name order without following symlinks; its root is the entry "".
 * Files are read to end of file, so a device needs no size and a file that grows or shrinks while
 * read is recorded as read (crash-consistent).
 */
final class SourceReader {
    private final int blockSize;
    private final byte[] zeros;
    private final ProtectListener listener;
    private final StopSignal stop;
    private final BlockBuffers buffers;
    private final KnownBlocks known;
    private final KnownBlocks.Recorder record;
    private long blocksUnchanged;
    private final AtomicLong bytesHashed = new AtomicLong();
    /**
     * Hashing this much in one pass starts the vector kernel's warm-up: worth its second of CPU for
     * a source that changed a lot (or a running agent's first big pass), not for a few changed blocks.
     */
    static final long WARM_UP_AFTER_BYTES = 64L << 20;
    /** Blocks read and hashed at a time, in slices of {@link #SLICE} on all cores. */
    private static final int GROUP = 256;
    /** Blocks one task reads and hashes: a slice is what a multi-buffer hash takes at once. */
    private static final int SLICE = 16;

    SourceReader(int blockSize, ProtectListener listener, StopSignal stop, BlockBuffers buffers, KnownBlocks known) {
        this.blockSize = blockSize;
        this.known = known;
        this.record = new KnownBlocks.Recorder(blockSize);
        this.zeros = new byte[blockSize];
        this.listener = listener;
        this.stop = stop;
        this.buffers = buffers;
    }

    /** Non-zero blocks found unchanged since the last point: neither hashed nor sent. */
    long blocksUnchanged() {
        return blocksUnchanged;
    }

    /** The record of what this pass read, to keep once its point is committed. */
    KnownBlocks record(String point) {
        return record.toRecord(point);
    }

    Manifest read(Path source, SourceKind kind, BlockSink sink) throws IOException, InterruptedException {
        List<Entry> entries = new ArrayList<>();
        if (kind == SourceKind.DIRECTORY) {
            walk(source, "", entries, sink);
        } else {
            BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
            entries.add(file(source, "", a, sink));
        }
        return new Manifest(Manifest.FORMAT_VERSION, source.toString(), kind, blockSize, entries);
    }

    private void walk(Path dir, String rel, List<Entry> entries, BlockSink sink) throws IOException, InterruptedException {
        BasicFileAttributes da = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entries.add(new Entry(rel, EntryType.DIRECTORY, mode(dir), da.lastModifiedTime().toMillis(), 0, null, List.of()));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        children.sort((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()));
        for (Path child : children) {
            stop.check();
            String name = (rel.isEmpty() ? "" : rel + "/") + child.getFileName().toString();
            BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                entries.add(new Entry(name, EntryType.SYMLINK, mode(child), a.lastModifiedTime().toMillis(), 0,
                        Files.readSymbolicLink(child).toString(), List.of()));
            } else if (a.isDirectory()) {
                walk(child, name, entries, sink);
            } else if (a.isRegularFile()) {
                entries.add(file(child, name, a, sink));
            } else {
                listener.skipped(child, "not a regular file, directory or symlink");
            }
        }
    }

    private Entry file(Path file, String rel, BasicFileAttributes a, BlockSink sink) throws IOException, InterruptedException {
        List<BlockRef> blocks = new ArrayList<>();
        KnownBlocks.File last = known.file(rel);
        long size = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            boolean eof = false;
            while (!eof) {
                stop.check();
                long first = blocks.size();
                Group g = readGroup(ch, size, last, first);
                for (int i = 0; i < g.count; i++) {
                    size += g.lengths[i];
                    listener.read(g.lengths[i]);
                    if (g.ids[i] == null) {
                        blocks.add(BlockRef.zero(g.lengths[i]));
                        buffers.give(g.data[i]);
                    } else {
                        blocks.add(new BlockRef(g.ids[i], g.lengths[i]));
                        record.block(rel, first + i, g.lengths[i], g.fingerprints[i], g.ids[i]);
                        if (g.unchanged[i]) {
                            blocksUnchanged++;
                            buffers.give(g.data[i]); // the vault holds it: the commit checks
                        } else {
                            sink.accept(g.ids[i], g.data[i], g.lengths[i]); // the sink gives it back
                        }
                    }
                    g.data[i] = null;
                }
                for (byte[] unused : g.data) {
                    buffers.give(unused); // read past the end of the file
                }
                sink.moved();
                eof = g.eof;
            }
        }
        return new Entry(rel, EntryType.FILE, mode(file), a.lastModifiedTime().toMillis(), size, null, blocks);
    }

    /** Up to {@link #GROUP} consecutive blocks: their bytes, lengths and ids (null for all-zero). */
    private static final class Group {
        final byte[][] data = new byte[GROUP][];
        final int[] lengths = new int[GROUP];
        final BlockId[] ids = new BlockId[GROUP];
        final long[] fingerprints = new long[GROUP];
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
     */
    private Group readGroup(FileChannel ch, long position, KnownBlocks.File last, long firstIndex) throws IOException {
        Group g = new Group();
        IOException[] failed = new IOException[1];
        IntStream.range(0, GROUP / SLICE).parallel().forEach(t -> {
            try {
                for (int i = t * SLICE; i < (t + 1) * SLICE; i++) {
                    byte[] buf = buffers.take();
                    g.data[i] = buf;
                    g.lengths[i] = fill(ch, buf, position + (long) i * blockSize);
                    if (g.lengths[i] < blockSize) {
                        break; // end of file within this slice
                    }
                }
                hash(g, t * SLICE, (t + 1) * SLICE, last, firstIndex);
            } catch (IOException e) {
                synchronized (failed) {
                    failed[0] = e;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        int n = 0;
        while (n < GROUP && g.data[n] != null && g.lengths[n] == blockSize) {
            n++;
        }
        g.eof = n < GROUP;
        if (g.eof && g.data[n] != null && g.lengths[n] > 0) {
            n++; // the last, short block
        }
        g.count = n;
        return g;
    }

    /**
     * The fingerprint of each non-zero block in {@code [from, to)}, then its id: the last point's
     * if it is unchanged since, else its SHA-256 (many at a time). All-zero blocks keep a null id.
     */
    private void hash(Group g, int from, int to, KnownBlocks.File last, long firstIndex) {
        byte[][] data = new byte[to - from][];
        int[] lengths = new int[to - from];
        int[] slot = new int[to - from];
        int n = 0;
        for (int i = from; i < to && g.data[i] != null; i++) {
            int len = g.lengths[i];
            if (len > 0 && !Arrays.equals(g.data[i], 0, len, zeros, 0, len)) {
                g.fingerprints[i] = BlockFingerprint.of(g.data[i], len);
                BlockId before = last.unchanged(firstIndex + i, len, g.fingerprints[i]);
                if (before != null) {
                    g.ids[i] = before;
                    g.unchanged[i] = true;
                    continue;
                }
                data[n] = g.data[i];
                lengths[n] = len;
                slot[n++] = i;
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

    private static int fill(FileChannel ch, byte[] buf, long position) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
            if (ch.read(bb, position + bb.position()) < 0) {
                break;
            }
        }
        return bb.position();
    }

    /** Permission bits (incl. setuid/setgid/sticky where the file system says), 0 where unknown. */
    static int mode(Path p) {
        try {
            Object m = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (m instanceof Integer i) {
                return i & 07777;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // fall through to POSIX permissions
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission perm : perms) {
                mode |= 1 << (8 - perm.ordinal());
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }
}
