package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.hashing.MultiBlockSha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Reads a group of consecutive blocks of a file and names each one: none for an all-zero block, the
 * last point's id for a block whose fingerprint is unchanged, else its SHA-256. The block half of
 * {@link SourceReader}, which decides what to do with the blocks (manifest, record, sink).
 * Safe to call from several threads at once: each call fills its own {@link SourceReader.Group}.
 */
final class BlockGroupReader {
    /** Blocks read and hashed at a time, in slices of {@link #SLICE} on all cores. */
    static final int GROUP = 256;
    /** Blocks one task reads and hashes: a slice is what a multi-buffer hash takes at once. */
    private static final int SLICE = 16;
    /**
     * Hashing this much in one pass starts the vector kernel's warm-up: worth its second of CPU for
     * a source that changed a lot (or a running agent's first big pass), not for a few changed blocks.
     */
    static final long WARM_UP_AFTER_BYTES = MultiBlockSha256.WARM_UP_PAYS_AFTER_BYTES;

    private final int blockSize;
    /** A block of zeros outside the heap, to compare blocks read there with. */
    private final ByteBuffer zeros;
    /**
     * Buffers of one slice's worth of the source, outside the heap (see {@link #readSlice}): one per
     * task reading at a time, handed back after each slice. A pool of the reader's own rather than a
     * thread-local, so they go away with the pass instead of staying with the pool's threads.
     */
    private final Queue<ByteBuffer> sliceBuffers = new ConcurrentLinkedQueue<>();
    private final BlockBuffers buffers;
    private final BlockFingerprint fingerprint;
    private final AtomicLong bytesHashed = new AtomicLong();

    BlockGroupReader(int blockSize, BlockBuffers buffers, BlockFingerprint fingerprint) {
        this.blockSize = blockSize;
        this.zeros = ByteBuffer.allocateDirect(blockSize).asReadOnlyBuffer();
        this.buffers = buffers;
        this.fingerprint = fingerprint;
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
    SourceReader.Group readGroup(SourceChannel ch, long position, long sizeHint, KnownBlocks.File last, long firstIndex)
            throws IOException {
        SourceReader.Group g = new SourceReader.Group();
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
     * zero blocks and leaves one copy of 32 KiB per block (a few microseconds) for the others. The
     * buffer is aligned, so the same read works on a channel opened with O_DIRECT ({@link SourceChannel}).
     */
    private void readSlice(SourceChannel ch, SourceReader.Group g, int from, long position, KnownBlocks.File last, long firstIndex)
            throws IOException {
        ByteBuffer slice = sliceBuffers.poll();
        if (slice == null) {
            slice = SourceChannel.alignedBuffer(SLICE * blockSize);
        }
        try {
            readSliceInto(slice.clear(), ch, g, from, position, last, firstIndex);
        } finally {
            sliceBuffers.offer(slice);
        }
    }

    private void readSliceInto(ByteBuffer slice, SourceChannel ch, SourceReader.Group g, int from, long position,
                               KnownBlocks.File last, long firstIndex) throws IOException {
        long start = position + (long) from * blockSize;
        while (slice.hasRemaining()) {
            if (ch.endsAfter(ch.channel().read(slice, start + slice.position()), slice)) {
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
                    // the sniff reads 4 KiB spread over the block: here, just after the copy and the
                    // fingerprint, it is in this core's cache; in the uploader it had left it
                    // (about 8 µs a block there, 2 here: bench/SniffCache.java)
                    g.looksIncompressible[i] = BlockSealer.looksIncompressible(bytes, len);
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
