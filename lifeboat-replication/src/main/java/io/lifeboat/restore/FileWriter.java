package io.lifeboat.restore;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one FILE entry block by block. Into a regular file, all-zero blocks become holes (the file
 * is sparse); onto a device they are written as zeros, since a device has no holes. Blocks are
 * fetched (and so verified) in groups, and every block of a group before any of it is written.
 *
 * <p>Reading and hashing cost far more than writing, so {@link #READ_AHEAD} threads read ahead:
 * while a group is written, the next ones are read and hashed on the other cores. A failure of a
 * group read ahead surfaces when its turn comes (nothing of it has been written). Close the writer
 * to stop those threads.
 */
final class FileWriter implements AutoCloseable {
    /** Blocks fetched as one group: enough to fill the 16 lanes of the hash kernel four times. */
    static final int GROUP_BLOCKS = 64;
    /** And no more bytes than this in one group, whatever the block size. */
    static final long GROUP_BYTES = 8 << 20;

    /** Groups read ahead at once, each on its own thread: one per core, two at least. */
    static final int READ_AHEAD = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final BlockFetcher blocks;
    private final Progress progress;
    private final ExecutorService readAhead = Executors.newFixedThreadPool(READ_AHEAD, r -> {
        Thread t = new Thread(r, "lifeboat-failover-read-ahead");
        t.setDaemon(true);
        return t;
    });

    FileWriter(BlockFetcher blocks, Progress progress) {
        this.blocks = blocks;
        this.progress = progress;
    }

    @Override
    public void close() {
        readAhead.shutdownNow();
    }

    /** Writes {@code e} into a new or emptied regular file {@code p}, sparse, and syncs it. */
    void writeSparse(Entry e, Path p) {
        writeSparse(e, p, true);
    }

    /**
     * Writes {@code e} into a new or emptied regular file {@code p}, sparse; synced when {@code
     * sync}, else left for the caller to sync with many others ({@link TreeSync}).
     */
    void writeSparse(Entry e, Path p, boolean sync) {
        long offset = 0;
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(0);
            FileChannel ch = raf.getChannel();
            offset = eachBlock(e, p, (ref, data, at) -> {
                if (data != null) {
                    writeFully(ch, data, at);
                    progress.wrote(data.length);
                }
            });
            raf.setLength(e.size());
            if (sync) {
                ch.force(true);
            }
        } catch (IOException x) {
            throw failure(p, e, offset, x);
        }
    }

    /** Writes {@code e} over the start of a device (or any existing file, without truncating), zeros included. */
    void writeDevice(Entry e, Path p) {
        long offset = 0;
        try (FileChannel ch = FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            offset = eachBlock(e, p, (ref, data, at) -> {
                byte[] bytes = data != null ? data : new byte[ref.length()];
                writeFully(ch, bytes, at);
                progress.wrote(bytes.length);
            });
            syncDevice(ch);
        } catch (IOException x) {
            throw failure(p, e, offset, x);
        }
    }

    /** Where one block of an entry goes: its verified bytes (null for an all-zero block) at its offset. */
    private interface BlockTarget {
        void put(BlockRef ref, byte[] data, long offset) throws IOException;
    }

    /**
     * Hands {@code e}'s blocks to {@code target} in order, each non-zero one fetched (read ahead, a
     * group per thread) and verified first, and counts the progress.
     *
     * @return the bytes the entry's blocks cover
     */
    private long eachBlock(Entry e, Path p, BlockTarget target) {
        List<List<BlockRef>> groups = groups(e.blocks());
        ArrayDeque<Future<List<byte[]>>> ahead = new ArrayDeque<>();
        if (groups.size() == 1) {
            // a small file: fetched here, since handing one group to another thread and waiting for
            // it cost more than the fetch itself in a tree of many small files
            ahead.add(CompletableFuture.completedFuture(fetchNonZero(groups.get(0), e)));
        } else {
            for (int g = 0; g < READ_AHEAD; g++) {
                ahead.add(fetchAhead(groups, g, e));
            }
        }
        long offset = 0;
        try {
            for (int g = 0; g < groups.size(); g++) {
                Iterator<byte[]> data = await(ahead.remove()).iterator();
                ahead.add(fetchAhead(groups, g + READ_AHEAD, e));
                for (BlockRef ref : groups.get(g)) {
                    if (ref.isZero()) {
                        progress.zeroBlock();
                    }
                    target.put(ref, ref.isZero() ? null : data.next(), offset);
                    offset += ref.length();
                    progress.add(ref.length());
                }
            }
        } catch (IOException x) {
            throw failure(p, e, offset, x);
        }
        return offset;
    }

    /**
     * Consecutive runs of at most {@link #GROUP_BLOCKS} blocks and about {@link #GROUP_BYTES}: each
     * run's blocks are read and verified together (hashed many per vector) before any is written.
     */
    static List<List<BlockRef>> groups(List<BlockRef> refs) {
        List<List<BlockRef>> out = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < refs.size(); i++) {
            if (i > from && (i - from == GROUP_BLOCKS || bytes + refs.get(i).length() > GROUP_BYTES)) {
                out.add(refs.subList(from, i));
                from = i;
                bytes = 0;
            }
            bytes += refs.get(i).length();
        }
        if (from < refs.size()) {
            out.add(refs.subList(from, refs.size()));
        }
        return out;
    }

    /** Starts fetching group {@code g} on the read-ahead thread (an empty result past the last group). */
    private Future<List<byte[]>> fetchAhead(List<List<BlockRef>> groups, int g, Entry e) {
        if (g >= groups.size()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return readAhead.submit(() -> fetchNonZero(groups.get(g), e));
    }

    /** The group's blocks; a failure of its fetch is thrown here, as it was thrown there. */
    private static List<byte[]> await(Future<List<byte[]>> group) {
        try {
            return group.get();
        } catch (ExecutionException x) {
            if (x.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (x.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(x.getCause());
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new RestoreException(Kind.FAILED, "interrupted while reading blocks", x);
        }
    }

    private List<byte[]> fetchNonZero(List<BlockRef> group, Entry e) {
        List<BlockRef> nonZero = new ArrayList<>(group.size());
        for (BlockRef ref : group) {
            if (!ref.isZero()) {
                nonZero.add(ref);
            }
        }
        return nonZero.isEmpty() ? List.of() : blocks.fetchAll(nonZero, e.path());
    }

    /** fsync; a device that cannot be synced (a character device: EINVAL) has nothing to flush. */
    private static void syncDevice(FileChannel ch) throws IOException {
        try {
            ch.force(true);
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw e;
            }
        }
    }

    private static void writeFully(FileChannel ch, byte[] data, long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data);
        long pos = offset;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    static RestoreException failure(Path p, Entry e, long offset, IOException x) {
        String m = String.valueOf(x.getMessage());
        if (m.contains("No space left")) {
            return new RestoreException(Kind.FAILED, "the disk of " + p + " is full: wrote " + offset + " of "
                    + e.size() + " bytes; free space (or choose another --to) and run failover again", x);
        }
        return new RestoreException(Kind.FAILED, "cannot write " + p + " at offset " + offset + ": " + x, x);
    }
}
