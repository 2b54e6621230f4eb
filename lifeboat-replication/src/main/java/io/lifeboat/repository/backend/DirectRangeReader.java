package io.lifeboat.repository.backend;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a range of a large file (a pack) around the page cache, with {@code O_DIRECT}, into one
 * aligned buffer outside the heap per thread, and copies the range out of it (or lends it to the
 * caller, who copies what it keeps: a failover copies each block once, into its write buffer). Why (issue 14,
 * session 10): a failover reads every pack once, and a vault that writes its packs with O_DIRECT
 * ({@link DirectPackWriter}) never has them in the cache; a buffered read of such a pack fills
 * freshly allocated page-cache pages first, each faulted in by the host on this kind of virtual
 * machine: 0.26-0.27 CPU s of kernel time per GiB read against 0.08-0.09 s with O_DIRECT
 * (measured on the build VM, reading a vault's 1 GiB of packs in 2 MiB ranges). The copy into the
 * heap is the one the JDK makes anyway from its own buffer when it reads into a heap array.
 *
 * <p>O_DIRECT reads whole aligned blocks: the range is widened to {@link DirectIo#ALIGN} on both
 * sides and only the asked bytes are copied out. A file system that refuses the flag turns this
 * reader off (the caller then reads through the page cache); a file that ends before the range
 * does is an {@link EOFException}, as a buffered read says.
 */
final class DirectRangeReader {
    /**
     * Smaller ranges are read through the page cache: a restored tree reads a small range per small
     * file, one after the other along the pack, and the kernel's read-ahead serves most of them from
     * one device request, where O_DIRECT made each its own round trip (a tree failover took 99 s
     * instead of 78 s).
     */
    static final int MIN_BYTES = 256 << 10;
    /** Ranges up to this size use the thread's buffer; a larger one (a single huge record) gets its own. */
    static final int BUFFER_BYTES = (2 << 20) + 2 * DirectIo.ALIGN;
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> DirectIo.alignedBuffer(BUFFER_BYTES));

    private volatile boolean enabled = DirectIo.LINUX;

    /** True until a file system refused O_DIRECT (or on a system without it). */
    boolean enabled() {
        return enabled;
    }

    /**
     * {@code length} bytes of {@code p} from {@code offset}, or null when the range is smaller than
     * {@link #MIN_BYTES}, or O_DIRECT is off or was refused just now (the caller reads through the
     * page cache).
     *
     * @throws EOFException when {@code p} ends before {@code offset + length}
     * @throws IOException  any other failure (a missing file: {@link java.nio.file.NoSuchFileException})
     */
    byte[] read(Path p, long offset, int length) throws IOException {
        byte[][] out = new byte[1][];
        boolean read = read(p, offset, length, range -> {
            out[0] = new byte[length];
            range.get(0, out[0]);
        });
        return read ? out[0] : null;
    }

    /**
     * Reads {@code length} bytes of {@code p} from {@code offset} into the thread's aligned buffer
     * and lends them to {@code use} (a slice of that buffer, position 0 at {@code offset}), without
     * copying them out: the caller copies what it keeps. Returns false, having read nothing, when
     * the range is smaller than {@link #MIN_BYTES}, or O_DIRECT is off or was refused just now (the
     * caller reads through the page cache).
     *
     * @throws EOFException when {@code p} ends before {@code offset + length}
     * @throws IOException  any other failure (a missing file: {@link java.nio.file.NoSuchFileException})
     */
    boolean read(Path p, long offset, int length, Backend.RangeUse use) throws IOException {
        if (!enabled || length < MIN_BYTES) {
            return false;
        }
        long start = offset & -DirectIo.ALIGN;
        long end = offset + length;
        int span = DirectIo.roundUp((int) Math.min(Integer.MAX_VALUE - DirectIo.ALIGN, end - start));
        ByteBuffer buf = span <= BUFFER_BYTES ? BUFFER.get() : DirectIo.alignedBuffer(span);
        buf.clear().limit(span);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
            long size = ch.size();
            if (size < end) {
                throw new EOFException(p.getFileName() + ": range " + offset + "+" + length + " past the end (" + size
                        + " bytes)");
            }
            // a read stops short only at the end of the file, which lies past the range: one read, nearly always
            for (long pos = start; pos < end; ) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new EOFException(p.getFileName() + ": cut short while reading " + offset + "+" + length);
                }
                pos += n;
            }
        } catch (UnsupportedOperationException | IOException e) {
            if (DirectIo.refusesDirectIo(e)) {
                enabled = false;
                return false;
            }
            throw e;
        }
        use.accept(buf.slice((int) (offset - start), length));
        return true;
    }
}
