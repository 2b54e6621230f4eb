package io.lifeboat.agent.protect;

import java.io.IOException;
import java.util.Arrays;

/**
 * One file's changed block positions in a record's segment (issue 14, session 18), for a file
 * whose record stays mostly as it was: an image's one file. Written whole, a 1 GiB image's record
 * in each segment was as large as its base (1.7 MB), so {@link RecordAppend}'s quarter rule always
 * had both records rewritten after every pass that read the image; its runs of changed blocks are
 * a few KB after a 1% pass and a few bytes after a read rescan. In a segment's body, after its
 * changed files ({@link KnownBlocksCodec#segment}):
 * <pre>
 *   int patched, per patched file: UTF name, int n (its blocks now), int r (runs),
 *     r x int first, r x int count (increasing, apart), then the runs' b blocks in order:
 *     b x int length, b x (long high, long low) fingerprint, b x 32-byte SHA-256
 * </pre>
 * The positions past the file's old end are always in a run, those past {@code n} are dropped. An
 * agent from before this section reads a segment that has one as damaged ("bytes after its last
 * file"), drops the record and hashes every block: safe. A segment with no patched file ends
 * where it always did.
 */
final class KnownBlocksPatch {
    /** A file is patched only when at most 1/WHOLE_SHARE of its blocks changed: else written whole, which is smaller. */
    static final int WHOLE_SHARE = 2;
    /** Bytes a run adds beside its blocks: its first position and count. */
    private static final int RUN_BYTES = 8;

    private KnownBlocksPatch() {
    }

    /**
     * The runs of positions of {@code to} that differ from {@code was} or lie past its end, as
     * {first, end, first, end, ...}; null when the file would be smaller written whole.
     */
    static int[] runs(KnownBlocks.File was, KnownBlocks.File to) {
        int n = to.blocks();
        int common = Math.min(n, was.blocks());
        int[] runs = new int[8];
        int count = 0;
        int changed = n - common;
        int i = 0;
        while (i < common) {
            if (same(was, to, i)) {
                i++;
                continue;
            }
            int first = i;
            while (i < common && !same(was, to, i)) {
                i++;
            }
            changed += i - first;
            if ((long) changed * WHOLE_SHARE > n) {
                return null;
            }
            runs = room(runs, count);
            runs[count++] = first;
            runs[count++] = i;
        }
        if (common < n) {
            runs = room(runs, count);
            runs[count++] = common;
            runs[count++] = n;
        }
        return (long) changed * WHOLE_SHARE > n ? null : Arrays.copyOf(runs, count);
    }

    private static int[] room(int[] runs, int count) {
        return count + 2 <= runs.length ? runs : Arrays.copyOf(runs, runs.length * 2);
    }

    private static boolean same(KnownBlocks.File a, KnownBlocks.File b, int i) {
        return a.lengths()[i] == b.lengths()[i] && a.fingerprints()[2 * i] == b.fingerprints()[2 * i]
                && a.fingerprints()[2 * i + 1] == b.fingerprints()[2 * i + 1]
                && Arrays.equals(a.digests(), i * 32, i * 32 + 32, b.digests(), i * 32, i * 32 + 32);
    }

    /**
     * Writes {@code to}'s block count and its {@code runs} (of {@link #runs}), after the file's name:
     * the runs' places, then their blocks as columns, so that a fresh agent's load reads each in one
     * call instead of a few per run in its interpreter.
     */
    static void write(RecordOutput d, KnownBlocks.File to, int[] runs) throws IOException {
        int count = runs.length / 2;
        int[] firsts = new int[count];
        int[] counts = new int[count];
        int blocks = 0;
        for (int r = 0; r < count; r++) {
            firsts[r] = runs[2 * r];
            counts[r] = runs[2 * r + 1] - runs[2 * r];
            blocks += counts[r];
        }
        int[] lengths = new int[blocks];
        long[] fingerprints = new long[2 * blocks];
        byte[] digests = new byte[32 * blocks];
        int at = 0;
        for (int r = 0; r < count; r++) {
            System.arraycopy(to.lengths(), firsts[r], lengths, at, counts[r]);
            System.arraycopy(to.fingerprints(), 2 * firsts[r], fingerprints, 2 * at, 2 * counts[r]);
            System.arraycopy(to.digests(), 32 * firsts[r], digests, 32 * at, 32 * counts[r]);
            at += counts[r];
        }
        d.writeInt(to.blocks());
        d.writeInt(count);
        d.writeInts(firsts);
        d.writeInts(counts);
        d.writeInts(lengths);
        d.writeLongs(fingerprints);
        d.write(digests);
    }

    /**
     * The file {@code at} with the runs read from {@code d} (after its name) applied. Its arrays are
     * this load's own (read from the file, never handed out yet), so they are changed in place
     * unless the block count changed.
     *
     * @throws IOException naming the file ({@code segment}'s patched file {@code index}, {@code name}): a
     *                     count or run out of place, a length past the block size
     */
    static KnownBlocks.File apply(RecordInput d, KnownBlocks.File at, int segment, int index, String name,
            long bodyBytes, int blockSize) throws IOException {
        int n = d.readInt();
        int count = d.readInt();
        if (n < 0 || n > KnownBlocks.MAX_BLOCKS_PER_FILE || count < 0 || (long) count * RUN_BYTES > bodyBytes) {
            throw new IOException(where(segment, index, name) + " claims " + n + " blocks in " + count + " runs");
        }
        int[] firsts = new int[count];
        int[] counts = new int[count];
        d.readInts(firsts);
        d.readInts(counts);
        long blocks = 0;
        int after = 0; // runs are increasing and apart: a run before this position is damage
        for (int r = 0; r < count; r++) {
            if (firsts[r] < after || counts[r] <= 0 || counts[r] > n - firsts[r]) {
                throw new IOException(where(segment, index, name) + "'s run " + r + " of " + counts[r] + " blocks at " + firsts[r]
                        + " is out of place in " + n + " blocks");
            }
            after = firsts[r] + counts[r];
            blocks += counts[r];
        }
        if (blocks * KnownBlocksCodec.BYTES_PER_BLOCK > bodyBytes) {
            throw new IOException(where(segment, index, name) + " claims " + blocks + " blocks in its " + bodyBytes + " bytes");
        }
        int[] runLengths = new int[(int) blocks];
        d.readInts(runLengths);
        for (int i = 0; i < runLengths.length; i++) {
            if (runLengths[i] < 0 || runLengths[i] > blockSize) {
                throw new IOException("block " + i + " of " + where(segment, index, name) + "'s runs has length " + runLengths[i]);
            }
        }
        long[] runFingerprints = new long[2 * (int) blocks];
        d.readLongs(runFingerprints);
        byte[] runDigests = new byte[32 * (int) blocks];
        d.readFully(runDigests);
        int[] lengths = n == at.blocks() ? at.lengths() : Arrays.copyOf(at.lengths(), n);
        long[] fingerprints = n == at.blocks() ? at.fingerprints() : Arrays.copyOf(at.fingerprints(), 2 * n);
        byte[] digests = n == at.blocks() ? at.digests() : Arrays.copyOf(at.digests(), 32 * n);
        int from = 0;
        for (int r = 0; r < count; r++) {
            System.arraycopy(runLengths, from, lengths, firsts[r], counts[r]);
            System.arraycopy(runFingerprints, 2 * from, fingerprints, 2 * firsts[r], 2 * counts[r]);
            System.arraycopy(runDigests, 32 * from, digests, 32 * firsts[r], 32 * counts[r]);
            from += counts[r];
        }
        return new KnownBlocks.File(lengths, fingerprints, digests);
    }

    /** "segment 2's patched file 0 (name)": made only for an error (see {@link KnownBlocksCodec#segmentName}). */
    private static String where(int segment, int index, String name) {
        return KnownBlocksCodec.segmentName(segment) + "'s patched file " + index + " (" + name + ")";
    }
}
