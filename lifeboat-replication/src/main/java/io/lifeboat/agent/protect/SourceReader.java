package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
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
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads a source into a {@link Manifest}: files are cut into fixed-size blocks named by SHA-256,
 * all-zero blocks become zero refs (never handed to the sink), every other block goes to the sink.
 * A tree is walked depth-first in name order without following symlinks; its root is the entry "".
 * Files are read to end of file, so a device needs no size and a file that grows or shrinks while
 * read is recorded as read (crash-consistent).
 */
final class SourceReader {
    private final int blockSize;
    private final byte[] zeros;
    private final ProtectListener listener;
    private final StopSignal stop;
    /** Blocks read, then hashed in parallel, at a time. */
    private static final int GROUP = 64;
    private static final ThreadLocal<MessageDigest> SHA = ThreadLocal.withInitial(BlockId::sha256);

    SourceReader(int blockSize, ProtectListener listener, StopSignal stop) {
        this.blockSize = blockSize;
        this.zeros = new byte[blockSize];
        this.listener = listener;
        this.stop = stop;
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
        long size = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            boolean eof = false;
            while (!eof) {
                stop.check();
                byte[][] bufs = new byte[GROUP][];
                int[] lengths = new int[GROUP];
                int n = 0;
                while (n < GROUP && !eof) {
                    byte[] buf = new byte[blockSize];
                    int len = fill(ch, buf);
                    if (len > 0) {
                        bufs[n] = buf;
                        lengths[n++] = len;
                    }
                    eof = len < blockSize;
                }
                BlockId[] ids = hash(bufs, lengths, n);
                for (int i = 0; i < n; i++) {
                    size += lengths[i];
                    listener.read(lengths[i]);
                    if (ids[i] == null) {
                        blocks.add(BlockRef.zero(lengths[i]));
                    } else {
                        blocks.add(new BlockRef(ids[i], lengths[i]));
                        sink.accept(ids[i], bufs[i], lengths[i]);
                    }
                }
            }
        }
        return new Entry(rel, EntryType.FILE, mode(file), a.lastModifiedTime().toMillis(), size, null, blocks);
    }

    /**
     * The SHA-256 of each non-zero block (null for an all-zero one), computed on all cores: hashing
     * is the agent's main CPU cost, and blocks are independent.
     */
    private BlockId[] hash(byte[][] bufs, int[] lengths, int n) {
        BlockId[] ids = new BlockId[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if (!Arrays.equals(bufs[i], 0, lengths[i], zeros, 0, lengths[i])) {
                MessageDigest sha = SHA.get();
                sha.update(bufs[i], 0, lengths[i]);
                ids[i] = BlockId.fromBytes(sha.digest());
            }
        });
        return ids;
    }

    private static int fill(FileChannel ch, byte[] buf) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
            if (ch.read(bb) < 0) {
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
