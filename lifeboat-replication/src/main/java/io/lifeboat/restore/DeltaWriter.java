package io.lifeboat.restore;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.BlockSlices;
import io.lifeboat.repository.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings an existing regular file or block device to one FILE entry of a point, in place, writing
 * only the blocks that differ: each run of blocks (as {@link FileWriter#groups}) is read from the
 * target and hashed locally (SHA-256 against the point's block id; a zero block must read as
 * zeros); only the blocks that differ are fetched from the vault, verified, and written. So a
 * failback onto the old disk moves just the changes, and a rerun after a crash compares again and
 * never fetches what it already wrote.
 *
 * <p>A file of more than one run is compared ahead, {@link FileWriter#READ_AHEAD} runs at once on
 * threads of their own, while the calling thread writes the run before (runs never overlap, so a
 * run read ahead is not one being written). Each run is read from the target in one read. Runs of
 * consecutive blocks that differ go out together, around the page cache where the target takes
 * {@code O_DIRECT} and is large enough ({@link DirectTarget}): a failover onto a fresh block
 * device, where every block differs, wrote 1 GiB through the device's page cache one block at a
 * time before.
 *
 * <p>{@code beforeFirstWrite} runs once, before any byte of the target changes (the caller writes
 * the {@link IncompleteMarker} there). A regular file is cut or extended to the entry's size; a
 * device is written from its start and keeps whatever lies beyond the entry.
 */
final class DeltaWriter {
    private final BlockFetcher blocks;
    private final Progress progress;
    private final Runnable beforeFirstWrite;
    private final boolean direct;

    DeltaWriter(BlockFetcher blocks, Progress progress, Runnable beforeFirstWrite) {
        this(blocks, progress, beforeFirstWrite, FileWriter.DIRECT);
    }

    /** @param direct write large targets around the page cache where they allow it */
    DeltaWriter(BlockFetcher blocks, Progress progress, Runnable beforeFirstWrite, boolean direct) {
        this.blocks = blocks;
        this.progress = progress;
        this.beforeFirstWrite = beforeFirstWrite;
        this.direct = direct;
    }

    /** One run compared with the target: which blocks differ, and the verified bytes of those that are not zeros. */
    private record Compared(List<BlockRef> group, long offset, boolean[] differs, BlockSlices fetched) {
    }

    /**
     * @param regularFile cut or extend {@code p} to the entry's size (a device is left as long as it is)
     * @param sync        fsync {@code p} at the end; a tree syncs all its files at once instead ({@link TreeSync})
     */
    void write(Entry e, Path p, boolean regularFile, boolean sync) {
        List<List<BlockRef>> groups = FileWriter.groups(e.blocks());
        long[] offsets = new long[groups.size() + 1];
        for (int g = 0; g < groups.size(); g++) {
            long bytes = 0;
            for (BlockRef ref : groups.get(g)) {
                bytes += ref.length();
            }
            offsets[g + 1] = offsets[g] + bytes;
        }
        long offset = 0;
        ExecutorService ahead = groups.size() > 1 ? Executors.newFixedThreadPool(FileWriter.READ_AHEAD, r -> {
            Thread t = new Thread(r, "lifeboat-failback-compare");
            t.setDaemon(true);
            return t;
        }) : null;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
                DirectTarget writes = direct && e.size() >= FileWriter.DIRECT_MIN_BYTES
                        ? DirectTarget.open(p, ch, regularFile ? e.size() : -1) : null) {
            ArrayDeque<Future<Compared>> queue = new ArrayDeque<>();
            for (int g = 0; g < groups.size() && g < FileWriter.READ_AHEAD; g++) {
                queue.add(compareAhead(ahead, ch, e, groups.get(g), offsets[g]));
            }
            for (int g = 0; g < groups.size(); g++) {
                Compared c = FileWriter.await(queue.remove());
                if (g + FileWriter.READ_AHEAD < groups.size()) {
                    int next = g + FileWriter.READ_AHEAD;
                    queue.add(compareAhead(ahead, ch, e, groups.get(next), offsets[next]));
                }
                writeCompared(ch, writes, c);
                offset = offsets[g + 1];
            }
            if (regularFile && ch.size() != e.size()) {
                beforeFirstWrite.run();
                if (ch.size() > e.size()) {
                    ch.truncate(e.size()); // also cuts off the zeros a direct write padded the last block with
                }
            }
            if (sync) {
                ch.force(true);
            }
        } catch (IOException x) {
            throw FileWriter.failure(p, e, offset, x);
        } catch (UncheckedIOException x) {
            throw FileWriter.failure(p, e, offset, x.getCause());
        } finally {
            if (ahead != null) {
                ahead.shutdownNow(); // by now nothing runs but after a failure
            }
        }
    }

    /** Compares run {@code group} on a thread of {@code ahead}, or here when there is none (one run). */
    private Future<Compared> compareAhead(ExecutorService ahead, FileChannel ch, Entry e, List<BlockRef> group,
            long offset) throws IOException {
        if (ahead == null) {
            return CompletableFuture.completedFuture(compare(ch, e, group, offset));
        }
        return ahead.submit(() -> {
            try {
                return compare(ch, e, group, offset);
            } catch (IOException x) {
                throw new UncheckedIOException(x); // unwrapped by write, which names the target
            }
        });
    }

    /** Reads one run of blocks starting at {@code offset}, compares it, and fetches the blocks that differ. */
    private Compared compare(FileChannel ch, Entry e, List<BlockRef> group, long offset) throws IOException {
        int n = group.size();
        int[] at = new int[n];
        int[] lengths = new int[n];
        int span = 0;
        for (int i = 0; i < n; i++) {
            at[i] = span;
            span += group.get(i).length();
        }
        ByteBuffer target = readSpan(ch, offset, span);
        int read = target.position();
        byte[] current = target.array();
        for (int i = 0; i < n; i++) {
            lengths[i] = Math.max(0, Math.min(group.get(i).length(), read - at[i]));
        }
        boolean[] differs = compare(group, current, at, lengths);
        List<BlockRef> toFetch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (differs[i] && !group.get(i).isZero()) {
                toFetch.add(group.get(i));
            }
        }
        BlockSlices fetched = toFetch.isEmpty() ? BlockSlices.EMPTY : blocks.fetchAll(toFetch, e.path());
        return new Compared(group, offset, differs, fetched);
    }

    /** Writes the blocks of a compared run that differ, consecutive ones together, and counts the progress. */
    private void writeCompared(FileChannel ch, DirectTarget writes, Compared c) throws IOException {
        List<ByteBuffer> run = new ArrayList<>();
        long runAt = c.offset();
        long at = c.offset();
        int next = 0;
        List<BlockRef> group = c.group();
        for (int i = 0; i < group.size(); i++) {
            BlockRef ref = group.get(i);
            if (ref.isZero()) {
                progress.zeroBlock();
            }
            if (c.differs()[i]) {
                beforeFirstWrite.run();
                if (run.isEmpty()) {
                    runAt = at;
                }
                run.add(ref.isZero() ? ByteBuffer.allocate(ref.length()) : c.fetched().buffer(next++));
            } else {
                writeRun(ch, writes, run, runAt);
            }
            at += ref.length();
            progress.add(ref.length());
        }
        writeRun(ch, writes, run, runAt);
    }

    /** Writes {@code run} from {@code at} (around the page cache when {@code writes} is there), then empties it. */
    private void writeRun(FileChannel ch, DirectTarget writes, List<ByteBuffer> run, long at) throws IOException {
        if (run.isEmpty()) {
            return;
        }
        ByteBuffer[] bufs = run.toArray(new ByteBuffer[0]);
        long total = 0;
        for (ByteBuffer b : bufs) {
            total += b.remaining();
        }
        if (writes != null) {
            writes.write(bufs, at);
        } else {
            long pos = at;
            for (ByteBuffer b : bufs) {
                pos += writeFully(ch, b, pos);
            }
        }
        progress.wrote(total);
        run.clear();
    }

    /**
     * Which blocks of the run differ from the point, block {@code i} being {@code current[at[i] ..
     * at[i] + lengths[i])}: a short one (the target ends first) always does; a zero block unless it
     * reads as zeros; any other if it reads as zeros, else unless its SHA-256 is the block's id
     * (hashed together, many per vector).
     */
    static boolean[] compare(List<BlockRef> group, byte[] current, int[] at, int[] lengths) {
        int n = group.size();
        boolean[] differs = new boolean[n];
        byte[][] arrays = new byte[n][];
        int[] offsets = new int[n];
        int[] hashLengths = new int[n];
        int[] index = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            BlockRef ref = group.get(i);
            if (lengths[i] != ref.length()) {
                differs[i] = true;
            } else if (ref.isZero()) {
                differs[i] = !allZero(current, at[i], lengths[i]);
            } else if (allZero(current, at[i], lengths[i])) {
                // zeros where the point has a block of data: counted as differing without hashing (an
                // agent names an all-zero block a zero block, and were one not, rewriting it is harmless).
                // On a fresh or wiped device every block is this case: half the hashing of a failover.
                differs[i] = true;
            } else {
                arrays[count] = current;
                offsets[count] = at[i];
                hashLengths[count] = lengths[i];
                index[count++] = i;
            }
        }
        BlockId[] ids = count == 0 ? new BlockId[0] : BlockId.ofAll(arrays, offsets, hashLengths, count);
        for (int k = 0; k < count; k++) {
            differs[index[k]] = !ids[k].equals(group.get(index[k]).id());
        }
        return differs;
    }

    /** {@code span} bytes at {@code offset} in one heap buffer, its position how many the target had (fewer where it ends). */
    private static ByteBuffer readSpan(FileChannel ch, long offset, int span) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(span);
        long pos = offset;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
        return buf;
    }

    private static int writeFully(FileChannel ch, ByteBuffer buf, long offset) throws IOException {
        int n = buf.remaining();
        long pos = offset;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
        return n;
    }

    private static boolean allZero(byte[] data, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
