package io.lifeboat.repository;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a manifest as a sequence of bounded chunks (format in {@code docs/repository-format.md},
 * "Manifest chunks"), handing each to a {@link Sink} as soon as it is full: the writer holds one
 * chunk, never the manifest. Runs of all-zero blocks of one length become one record, so a sparse
 * terabyte costs a few bytes per hole, not 36 bytes per empty block. A chunk is cut between records
 * once it holds about {@code targetBytes}; an entry's blocks may continue in the next chunk.
 *
 * <p>Not thread-safe; one writer per manifest. Call {@link #finish} once, after the last piece.
 */
public final class ManifestChunker implements ManifestVisitor {
    /** Where chunks go: the stored form (one zstd frame), in order. */
    @FunctionalInterface
    public interface Sink {
        void chunk(byte[] stored);
    }

    static final byte[] MAGIC = {'L', 'B', 'M', 'C', 1};
    static final int ENTRY = 1;
    static final int BLOCK = 2;
    static final int ZEROS = 3;
    /** A chunk is cut once its plain form reaches this (4 MiB, about 113,000 block references). */
    public static final int TARGET_PLAIN_BYTES = 4 << 20;
    /** zstd level 1: block ids do not compress, so a higher level buys nothing but time. */
    private static final int LEVEL = 1;
    private static final int MAX_TEXT = 0xffff;

    private final Sink sink;
    /** Told each chunk's plain form before it is compressed and stored (null: nobody). */
    private final Sink plainFirst;
    private final int targetBytes;
    private byte[] buf;
    private int len;
    private final ZeroRuns zeroRuns = new ZeroRuns(this::writeZeros);
    private long entries;
    private long blocks;
    private long zeroBlocks;
    private long sourceBytes;
    private int chunks;

    public ManifestChunker(Sink sink) {
        this(sink, TARGET_PLAIN_BYTES);
    }

    ManifestChunker(Sink sink, int targetBytes) {
        this(sink, null, targetBytes);
    }

    /**
     * A chunker that hands each chunk's plain form to {@code plainFirst} before the stored form goes
     * to {@code sink}: what {@code plainFirst} refuses (by throwing) is never stored.
     */
    ManifestChunker(Sink sink, Sink plainFirst) {
        this(sink, plainFirst, TARGET_PLAIN_BYTES);
    }

    private ManifestChunker(Sink sink, Sink plainFirst, int targetBytes) {
        if (targetBytes < 1024 || targetBytes > ManifestChunkReader.MAX_PLAIN_BYTES / 2) {
            throw new IllegalArgumentException("manifest chunk target " + targetBytes + " is outside 1 KiB .. 4 MiB");
        }
        this.sink = sink;
        this.plainFirst = plainFirst;
        this.targetBytes = targetBytes;
        this.buf = new byte[Math.min(targetBytes + 1024, 1 << 16)];
        start();
    }

    /** Writes a whole in-memory manifest's entries and blocks; the header is the caller's to keep. */
    public static ManifestSummary write(Manifest m, Sink sink) {
        return write(m, new ManifestChunker(sink));
    }

    static ManifestSummary write(Manifest m, ManifestChunker w) {
        w.replay(m);
        return w.finish();
    }

    @Override
    public void entry(Entry e) {
        flushZeros();
        byte[] path = text(e.path(), "path");
        byte[] link = e.linkTarget() == null ? null : text(e.linkTarget(), "link target of " + e.path());
        if (e.mode() < 0 || e.mode() > 07777) {
            throw new IllegalArgumentException("entry \"" + e.path() + "\": mode " + Integer.toOctalString(e.mode())
                    + " is not 12 permission bits");
        }
        room(1 + 2 + path.length + 1 + 2 + 8 + 8 + 1 + 2 + (link == null ? 0 : link.length));
        buf[len++] = ENTRY;
        putShort(path.length);
        System.arraycopy(path, 0, buf, len, path.length);
        len += path.length;
        buf[len++] = (byte) typeCode(e.type());
        putShort(e.mode());
        putLong(e.mtimeNanos());
        putLong(e.size());
        buf[len++] = (byte) (link == null ? 0 : 1);
        putShort(link == null ? 0 : link.length);
        if (link != null) {
            System.arraycopy(link, 0, buf, len, link.length);
            len += link.length;
        }
        entries++;
        if (e.type() == EntryType.FILE) {
            sourceBytes += e.size();
        }
        cutIfFull();
    }

    @Override
    public void block(BlockId id, int length) {
        flushZeros();
        room(1 + BlockId.BYTES + 4);
        buf[len++] = BLOCK;
        id.copyTo(buf, len);
        len += BlockId.BYTES;
        putInt(length);
        blocks++;
        cutIfFull();
    }

    @Override
    public void zeros(long count, int length) {
        if (count <= 0) {
            return;
        }
        zeroRuns.add(count, length);
        zeroBlocks += count;
    }

    /** Writes the last chunk (a manifest is at least one chunk) and returns the counts. */
    public ManifestSummary finish() {
        flushZeros();
        if (len > MAGIC.length || chunks == 0) {
            cut();
        }
        return new ManifestSummary(entries, blocks, zeroBlocks, sourceBytes, chunks);
    }

    private void flushZeros() {
        zeroRuns.flush();
    }

    /** A run as records of at most 2^32 - 1 blocks each (the record's count is 32 bits). */
    private void writeZeros(long count, int length) {
        while (count > 0) {
            long n = Math.min(count, 0xffffffffL);
            room(1 + 4 + 4);
            buf[len++] = ZEROS;
            putInt((int) n);
            putInt(length);
            count -= n;
            cutIfFull();
        }
    }

    private void cutIfFull() {
        if (len >= targetBytes) {
            cut();
        }
    }

    private void cut() {
        byte[] plain = Arrays.copyOf(buf, len);
        chunks++;
        start();
        if (plainFirst != null) {
            plainFirst.chunk(plain);
        }
        sink.chunk(Zstd.compress(plain, LEVEL));
    }

    private void start() {
        System.arraycopy(MAGIC, 0, buf, 0, MAGIC.length);
        len = MAGIC.length;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private static byte[] text(String s, String what) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_TEXT) {
            throw new IllegalArgumentException("entry " + what + " is " + b.length + " bytes, at most " + MAX_TEXT);
        }
        return b;
    }

    static int typeCode(EntryType t) {
        return switch (t) {
            case FILE -> 0;
            case DIRECTORY -> 1;
            case SYMLINK -> 2;
        };
    }

    private void putShort(int v) {
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        putShort(v >>> 16);
        putShort(v & 0xffff);
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
