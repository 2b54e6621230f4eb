package io.lifeboat.restore;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.BlockSlices;
import io.lifeboat.repository.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brings an existing regular file or block device to one FILE entry of a point, in place, writing
 * only the blocks that differ: each run of blocks (as {@link FileWriter#groups}) is read from the
 * target and hashed locally (SHA-256 against the point's block id; a zero block must read as
 * zeros); only the blocks that differ are fetched from the vault, verified, and written. So a
 * failback onto the old disk moves just the changes, and a rerun after a crash compares again and
 * never fetches what it already wrote.
 *
 * <p>{@code beforeFirstWrite} runs once, before any byte of the target changes (the caller writes
 * the {@link IncompleteMarker} there). A regular file is cut or extended to the entry's size; a
 * device is written from its start and keeps whatever lies beyond the entry.
 */
final class DeltaWriter {
    private final BlockFetcher blocks;
    private final Progress progress;
    private final Runnable beforeFirstWrite;

    DeltaWriter(BlockFetcher blocks, Progress progress, Runnable beforeFirstWrite) {
        this.blocks = blocks;
        this.progress = progress;
        this.beforeFirstWrite = beforeFirstWrite;
    }

    /**
     * @param regularFile cut or extend {@code p} to the entry's size (a device is left as long as it is)
     * @param sync        fsync {@code p} at the end; a tree syncs all its files at once instead ({@link TreeSync})
     */
    void write(Entry e, Path p, boolean regularFile, boolean sync) {
        long offset = 0;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (List<BlockRef> group : FileWriter.groups(e.blocks())) {
                writeGroup(ch, e, group, offset);
                for (BlockRef ref : group) {
                    offset += ref.length();
                }
            }
            if (regularFile && ch.size() != e.size()) {
                beforeFirstWrite.run();
                if (ch.size() > e.size()) {
                    ch.truncate(e.size());
                }
            }
            if (sync) {
                ch.force(true);
            }
        } catch (IOException x) {
            throw FileWriter.failure(p, e, offset, x);
        }
    }

    /** Compares one run of blocks starting at {@code offset}, then fetches and writes the ones that differ. */
    private void writeGroup(FileChannel ch, Entry e, List<BlockRef> group, long offset) throws IOException {
        int n = group.size();
        byte[][] current = new byte[n][];
        long at = offset;
        for (int i = 0; i < n; i++) {
            current[i] = readBlock(ch, at, group.get(i).length());
            at += group.get(i).length();
        }
        boolean[] differs = compare(group, current);
        List<BlockRef> toFetch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (differs[i] && !group.get(i).isZero()) {
                toFetch.add(group.get(i));
            }
        }
        BlockSlices fetched = toFetch.isEmpty() ? null : blocks.fetchAll(toFetch, e.path());
        int next = 0;
        at = offset;
        for (int i = 0; i < n; i++) {
            BlockRef ref = group.get(i);
            if (ref.isZero()) {
                progress.zeroBlock();
            }
            if (differs[i]) {
                beforeFirstWrite.run();
                ByteBuffer data = ref.isZero() ? ByteBuffer.allocate(ref.length()) : fetched.buffer(next++);
                int length = data.remaining();
                writeFully(ch, data, at);
                progress.wrote(length);
            }
            at += ref.length();
            progress.add(ref.length());
        }
    }

    /**
     * Which blocks of the run differ from the point: a short read (the target ends first) always
     * does; a zero block unless it reads as zeros; any other unless its SHA-256 is the block's id
     * (the full-length ones hashed together, many per vector).
     */
    static boolean[] compare(List<BlockRef> group, byte[][] current) {
        int n = group.size();
        boolean[] differs = new boolean[n];
        byte[][] toHash = new byte[n][];
        int[] lengths = new int[n];
        int[] index = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            BlockRef ref = group.get(i);
            if (current[i].length != ref.length()) {
                differs[i] = true;
            } else if (ref.isZero()) {
                differs[i] = !allZero(current[i]);
            } else {
                toHash[count] = current[i];
                lengths[count] = ref.length();
                index[count++] = i;
            }
        }
        BlockId[] ids = count == 0 ? new BlockId[0] : BlockId.ofAll(toHash, lengths, count);
        for (int k = 0; k < count; k++) {
            differs[index[k]] = !ids[k].equals(group.get(index[k]).id());
        }
        return differs;
    }

    /** Up to {@code length} bytes at {@code offset}; fewer where the target ends. */
    private static byte[] readBlock(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = offset;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
        return buf.position() == length ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long offset) throws IOException {
        long pos = offset;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    private static boolean allZero(byte[] data) {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
