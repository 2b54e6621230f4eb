package io.lifeboat.restore;

import io.lifeboat.repository.Await;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.backend.DirectIo;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one FILE entry. Into a regular file, all-zero blocks become holes (the file is sparse);
 * onto a device they are written as zeros, since a device has no holes. Blocks are fetched (and so
 * verified) in groups, every block of a group before any of it is written: each group into an
 * aligned buffer outside the heap ({@link GroupBuffers}), laid out as the group lies in the file,
 * so that a run of its consecutive blocks goes out in one write straight from there (the one copy
 * of a block is the reading thread's, from the range of its pack into this buffer; no system call
 * per block). A large entry's runs are written around the page cache where the file system allows
 * ({@link DirectTarget#writeInPlace}): the device reads them from the group's buffer.
 *
 * <p>Reading and hashing cost far more than writing, so {@link #READ_AHEAD} threads read ahead:
 * while a group is written, the next ones are read and hashed on the other cores. A failure of a
 * group read ahead surfaces when its turn comes (nothing of it has been written). Close the writer
 * to stop those threads.
 */
final class FileWriter implements AutoCloseable {
    /**
     * Blocks fetched as one group: 8 MiB of 32 KiB blocks, read as a few ranges of their packs at
     * once (several requests in flight to object storage) and written with one write per run of
     * non-zero blocks; 64 before 2026-12-06, when every block was its own read.
     */
    static final int GROUP_BLOCKS = 256;
    /** And no more bytes than this in one group, whatever the block size. */
    static final long GROUP_BYTES = 8 << 20;

    /**
     * Bytes handed to one write through the page cache. Measured when the runs were heap slices
     * (session 9): the JDK copied them into a buffer outside the heap before the system call copied
     * them again into the page cache, and in pieces this size the second copy read what the first
     * left in the core's cache, where a whole 8 MiB run at once cost more than a write per block.
     * From a group's buffer outside the heap only the kernel copies; the pieces are kept.
     */
    static final int WRITE_BYTES = 256 << 10;

    /** Groups read ahead at once, each on its own thread: one per core, two at least. */
    static final int READ_AHEAD = Math.max(2, Runtime.getRuntime().availableProcessors());

    /**
     * Entries at least this large are written around the page cache ({@link DirectTarget}); smaller
     * ones (most files of a tree) go through it, where one sync of many files at the end ({@link
     * TreeSync}) costs less than a device round trip per file.
     */
    static final long DIRECT_MIN_BYTES = 1 << 20;

    /**
     * {@code -Dlifeboat.failover.direct=false} writes every target through the page cache, as before
     * 2026-12-06 (session 10): to compare the two on one build, or for a file system whose O_DIRECT
     * is accepted but slow.
     */
    static final boolean DIRECT = !"false".equals(System.getProperty("lifeboat.failover.direct"));

    private final BlockFetcher blocks;
    private final Progress progress;
    private final boolean direct;
    private final DirectTarget.Opener opener;
    /** The buffers groups are read into and written from, each reused once its group is written. */
    final GroupBuffers buffers = new GroupBuffers();
    private final ExecutorService readAhead = Executors.newFixedThreadPool(READ_AHEAD, r -> {
        Thread t = new Thread(r, "lifeboat-failover-read-ahead");
        t.setDaemon(true);
        return t;
    });

    FileWriter(BlockFetcher blocks, Progress progress) {
        this(blocks, progress, DIRECT, DirectTarget.O_DIRECT);
    }

    /**
     * @param direct write large entries around the page cache where the file system allows
     * @param opener how the direct channel is opened (a test stands in a file system that refuses it)
     */
    FileWriter(BlockFetcher blocks, Progress progress, boolean direct, DirectTarget.Opener opener) {
        this.blocks = blocks;
        this.progress = progress;
        this.direct = direct;
        this.opener = opener;
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
        Written done = new Written();
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            if (raf.length() != 0) {
                // only when there is something to cut: ext4 takes a cut to 0 for a file being replaced
                // and starts writing it back at close, a device round trip per file (in a tree restore
                // of 47,000 files, most of the writing thread's 19-24 s of kernel time)
                raf.setLength(0);
            }
            FileChannel ch = raf.getChannel();
            try (DirectTarget direct = openDirect(e, p, ch, e.size());
                    EarlyWriteback early = sync ? new EarlyWriteback(ch) : null) {
                eachGroup(e, p, false, ch, direct, early, done);
                raf.setLength(e.size()); // also cuts off the zeros a direct write padded its last block with
                if (sync) {
                    early.awaitRunning();
                    ch.force(true);
                }
            }
        } catch (IOException x) {
            throw failure(p, e, done.offset, x);
        }
    }

    /** Writes {@code e} over the start of a device (or any existing file, without truncating), zeros included. */
    void writeDevice(Entry e, Path p) {
        Written done = new Written();
        try (FileChannel ch = FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE);
                DirectTarget direct = openDirect(e, p, ch, -1);
                EarlyWriteback early = new EarlyWriteback(ch)) {
            eachGroup(e, p, true, ch, direct, early, done);
            early.awaitRunning();
            syncDevice(ch);
        } catch (IOException x) {
            throw failure(p, e, done.offset, x);
        }
    }

    /**
     * The direct writer for an entry of {@link #DIRECT_MIN_BYTES} or more, when direct writes are on
     * and the file system takes them; else null (written through the page cache).
     */
    private DirectTarget openDirect(Entry e, Path p, FileChannel ch, long padEnd) throws IOException {
        if (!direct || e.size() < DIRECT_MIN_BYTES) {
            return null;
        }
        return DirectTarget.open(p, ch, padEnd, opener);
    }

    /** How far an entry is written: everything before {@code offset} is (for the error message). */
    private static final class Written {
        long offset;
    }

    /**
     * A group of blocks read and verified into {@code buf}, laid out as they lie in the file: the
     * group's first byte at {@code base}, the offset of its first byte within an aligned block of the
     * file ({@link DirectIo#ALIGN}), so that a run's aligned middle is aligned in {@code buf} too.
     */
    private record Fetched(ByteBuffer buf, int base) {
        static final Fetched NONE = new Fetched(null, 0);
    }

    /**
     * Writes {@code e}'s blocks in order, each non-zero one fetched (read ahead, a group per thread)
     * and verified first into its group's buffer ({@link GroupBuffers}), where it lies as in the
     * file: every run of consecutive blocks of a group is written from there with one write (zero
     * blocks break a run into a hole, or are written as zeros when {@code zeros}), and counts the
     * progress. The group's buffer goes back to the pool only once all its runs are written. With
     * {@code early}, the disk starts on what is written while the rest is fetched ({@link EarlyWriteback}).
     */
    private void eachGroup(Entry e, Path p, boolean zeros, FileChannel ch, DirectTarget direct, EarlyWriteback early,
            Written done) throws IOException {
        List<List<BlockRef>> groups = groups(e.blocks());
        long[] starts = new long[groups.size() + 1];
        for (int g = 0; g < groups.size(); g++) {
            starts[g + 1] = starts[g] + bytes(groups.get(g));
        }
        ArrayDeque<Future<Fetched>> ahead = new ArrayDeque<>();
        if (groups.size() == 1) {
            // a small file: fetched here, since handing one group to another thread and waiting for
            // it cost more than the fetch itself in a tree of many small files
            ahead.add(CompletableFuture.completedFuture(fetchGroup(groups.get(0), starts[0], zeros, e)));
        } else {
            for (int g = 0; g < READ_AHEAD; g++) {
                ahead.add(fetchAhead(groups, starts, g, zeros, e));
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            Fetched data = await(ahead.remove());
            ahead.add(fetchAhead(groups, starts, g + READ_AHEAD, zeros, e));
            long at = starts[g];
            long runAt = at;
            int runBytes = 0;
            for (BlockRef ref : groups.get(g)) {
                if (!ref.isZero() || zeros) {
                    if (runBytes == 0) {
                        runAt = at;
                    }
                    runBytes += ref.length();
                } else {
                    writeRun(ch, direct, data, (int) (runAt - starts[g]), runBytes, runAt, early);
                    runBytes = 0;
                }
                at += ref.length();
            }
            writeRun(ch, direct, data, (int) (runAt - starts[g]), runBytes, runAt, early);
            if (data.buf() != null) {
                buffers.give(data.buf()); // every run of the group is written: nothing of it is still to be read
            }
            for (BlockRef ref : groups.get(g)) {
                if (ref.isZero()) {
                    progress.zeroBlock();
                }
                progress.add(ref.length());
            }
            done.offset = at;
        }
    }

    /**
     * Writes the {@code length} bytes of a run, lying at {@code from} bytes into the group of
     * {@code data} (past its base), at {@code at} of the file; nothing when {@code length} is 0.
     */
    private void writeRun(FileChannel ch, DirectTarget direct, Fetched data, int from, int length, long at,
            EarlyWriteback early) throws IOException {
        if (length == 0) {
            return;
        }
        int index = data.base() + from;
        if (direct != null) {
            long viaCache = direct.writeInPlace(data.buf(), index, length, at);
            progress.wrote(length);
            if (early != null && viaCache > 0) {
                early.wrote(viaCache); // what went direct is on the device already
            }
            return;
        }
        // through the page cache: from a buffer outside the heap the JDK copies nothing, the kernel
        // copies it into the cache; in pieces of WRITE_BYTES each piece is still in the core's cache
        for (int done = 0; done < length; ) {
            int n = Math.min(WRITE_BYTES, length - done);
            ByteBuffer piece = data.buf().slice(index + done, n);
            for (long pos = at + done; piece.hasRemaining(); ) {
                pos += ch.write(piece, pos);
            }
            done += n;
        }
        progress.wrote(length);
        if (early != null) {
            early.wrote(length);
        }
    }

    private static long bytes(List<BlockRef> group) {
        long n = 0;
        for (BlockRef ref : group) {
            n += ref.length();
        }
        return n;
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

    /** Starts fetching group {@code g} on the read-ahead thread (nothing past the last group). */
    private Future<Fetched> fetchAhead(List<List<BlockRef>> groups, long[] starts, int g, boolean zeros, Entry e) {
        if (g >= groups.size()) {
            return CompletableFuture.completedFuture(Fetched.NONE);
        }
        return readAhead.submit(() -> fetchGroup(groups.get(g), starts[g], zeros, e));
    }

    /** The group's blocks; a failure of its fetch is thrown here, as it was thrown there. */
    static <T> T await(Future<T> group) {
        return Await.result(group, x -> new RestoreException(Kind.FAILED, "interrupted while reading blocks", x));
    }

    /**
     * Reads and verifies the non-zero blocks of {@code group}, which starts at {@code start} of the
     * file, into a buffer of the pool at their places in the file; zero blocks, when written
     * ({@code zeros}), get zeros there. A failed read throws and drops the buffer (see {@link
     * GroupBuffers}).
     */
    private Fetched fetchGroup(List<BlockRef> group, long start, boolean zeros, Entry e) {
        int base = (int) (start & (DirectIo.ALIGN - 1));
        long length = bytes(group);
        List<BlockRef> nonZero = new ArrayList<>(group.size());
        int[] at = new int[group.size()];
        int rel = base;
        for (BlockRef ref : group) {
            if (!ref.isZero()) {
                at[nonZero.size()] = rel;
                nonZero.add(ref);
            }
            rel += ref.length();
        }
        if (nonZero.isEmpty() && !zeros) {
            return Fetched.NONE; // a group of holes: nothing to write
        }
        ByteBuffer buf = buffers.take(Math.toIntExact(base + length + DirectIo.ALIGN));
        if (zeros) {
            rel = base;
            for (BlockRef ref : group) {
                if (ref.isZero()) {
                    zero(buf, rel, ref.length());
                }
                rel += ref.length();
            }
        }
        if (!nonZero.isEmpty()) {
            blocks.fetchInto(nonZero, e.path(), buf, Arrays.copyOf(at, nonZero.size()));
        }
        return new Fetched(buf, base);
    }

    private static final byte[] ZEROS = new byte[64 << 10];

    private static void zero(ByteBuffer buf, int at, int length) {
        for (int done = 0; done < length; ) {
            int n = Math.min(ZEROS.length, length - done);
            buf.put(at + done, ZEROS, 0, n);
            done += n;
        }
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

    static RestoreException failure(Path p, Entry e, long offset, IOException x) {
        String m = String.valueOf(x.getMessage());
        if (m.contains("No space left")) {
            return new RestoreException(Kind.FAILED, "the disk of " + p + " is full: wrote " + offset + " of "
                    + e.size() + " bytes; free space (or choose another --to) and run failover again", x);
        }
        return new RestoreException(Kind.FAILED, "cannot write " + p + " at offset " + offset + ": " + x, x);
    }
}
