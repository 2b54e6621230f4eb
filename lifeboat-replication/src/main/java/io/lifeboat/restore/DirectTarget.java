package io.lifeboat.restore;

import com.sun.nio.file.ExtendedOpenOption;
import io.lifeboat.repository.backend.DirectIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the runs of a restored file around the page cache ({@code O_DIRECT}), copied once from
 * the slices the repository verified into one aligned buffer outside the heap. Why (issue 14): a
 * buffered write of a new file copies every byte into freshly allocated page-cache pages, and on a
 * virtual machine whose free memory goes back to the host each such page is faulted in on first
 * touch (1.25-1.8 CPU s of kernel time per GiB measured on the build VM, against 0.1-0.35 s with
 * O_DIRECT); the JDK also first copies a heap buffer into a buffer of its own. Here the one copy
 * is ours, into {@link #buffer}, and the device reads it from there ({@link #write}: the in-place
 * writer's changed blocks). A failover's fresh file or device makes none here at all ({@link
 * #writeInPlace}): its blocks already lie in an aligned group buffer laid out as the file is,
 * which is handed to the device as it is.
 *
 * <p>O_DIRECT needs aligned offsets and lengths ({@link DirectIo#ALIGN}). The aligned middle of a
 * run goes direct; a piece that starts or ends off the alignment goes through the ordinary
 * channel beside it (Linux keeps the two coherent: they never share a page, since every run
 * lies after the last). A run that ends the file ({@code padEnd}) is padded with zeros to the
 * alignment instead and the caller cuts the file back to its length; a device is never padded
 * (what lies past the point's bytes on it is kept).
 *
 * <p>Durability is unchanged: the data is on the device when {@link #write} returns, but the
 * file's size and extents are not, so the caller still syncs the file once at the end.
 */
final class DirectTarget implements AutoCloseable {
    /**
     * Bytes per direct write, and the size of the aligned buffer: large enough that the device sees
     * few, large requests (each write waits for the device), small enough to stay in the core's cache
     * between our copy and the DMA.
     */
    static final int SLICE = 1 << 20;

    /** How a direct channel is opened (a test stands in a file system that refuses the flag). */
    interface Opener {
        FileChannel open(Path p) throws IOException;
    }

    static final Opener O_DIRECT =
            p -> FileChannel.open(p, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);

    private final FileChannel direct;
    private final FileChannel buffered;
    private final long padEnd;
    private final ByteBuffer buffer = DirectIo.alignedBuffer(SLICE);
    private long directBytes;
    /** Set when the first direct write was refused: everything goes through the page cache then. */
    private boolean refused;
    private static final byte[] ZEROS = new byte[DirectIo.ALIGN];

    private DirectTarget(FileChannel direct, FileChannel buffered, long padEnd) {
        this.direct = direct;
        this.buffered = buffered;
        this.padEnd = padEnd;
    }

    /**
     * A direct writer beside {@code buffered} (open on the same file {@code p}), or null when the
     * file system refuses O_DIRECT (or this is not Linux): the caller then writes through the page
     * cache as before. Any other failure to open is thrown.
     *
     * @param padEnd the file's final length, when a run that ends there may be padded past it (the
     *     caller cuts the file back); -1 for a device, which is never written past the point's bytes
     */
    static DirectTarget open(Path p, FileChannel buffered, long padEnd) throws IOException {
        return open(p, buffered, padEnd, O_DIRECT);
    }

    static DirectTarget open(Path p, FileChannel buffered, long padEnd, Opener opener) throws IOException {
        if (!DirectIo.LINUX) {
            return null;
        }
        try {
            return new DirectTarget(opener.open(p), buffered, padEnd);
        } catch (UnsupportedOperationException | IOException e) {
            if (DirectIo.refusesDirectIo(e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Writes the buffers of {@code bufs} one after the other from {@code at}, consuming them.
     *
     * @return the bytes written through the page cache (the unaligned pieces), which still need
     *     writing back; the rest is on the device already
     */
    long write(ByteBuffer[] bufs, long at) throws IOException {
        long total = 0;
        for (ByteBuffer b : bufs) {
            total += b.remaining();
        }
        Cursor from = new Cursor(bufs);
        long end = at + total;
        long pos = at;
        long viaCache = 0;
        if (!DirectIo.aligned(pos)) {
            int head = (int) Math.min(DirectIo.ALIGN - (pos & (DirectIo.ALIGN - 1)), end - pos);
            writeBuffered(from, head, pos);
            pos += head;
            viaCache += head;
        }
        long directEnd = end == padEnd ? end : end & -DirectIo.ALIGN;
        while (pos < directEnd) {
            int n = (int) Math.min(SLICE, directEnd - pos);
            buffer.clear();
            from.copy(buffer, n);
            buffer.put(ZEROS, 0, DirectIo.roundUp(n) - n); // only a run that ends the file has any
            buffer.flip();
            if (!refused && writeDirect(buffer, pos)) {
                directBytes += n;
            } else {
                writeFully(buffered, buffer, pos);
                viaCache += n;
            }
            pos += n;
        }
        if (pos < end) {
            writeBuffered(from, (int) (end - pos), pos);
            viaCache += end - pos;
        }
        return viaCache;
    }

    /**
     * Writes {@code length} bytes of {@code src} from its index {@code from} to the file at
     * {@code at}, straight from {@code src} where it can: {@code src} is an aligned buffer outside
     * the heap ({@link GroupBuffers}) laid out as the file is, so {@code from} and {@code at} lie
     * at the same place within an aligned block and the aligned middle of the run goes to the
     * device from where it lies, without a copy. A run that ends the file is padded with zeros in
     * {@code src} itself (the bytes after it there are overwritten: the caller's buffer has room
     * for them, {@link GroupBuffers#SIZE}). Any other buffer goes through {@link #write}'s copy.
     * Positions and limits of {@code src} are left as they were.
     *
     * @return the bytes written through the page cache (the unaligned pieces), which still need
     *     writing back; the rest is on the device already
     */
    long writeInPlace(ByteBuffer src, int from, int length, long at) throws IOException {
        if (!src.isDirect() || !DirectIo.aligned(from - at)) {
            return write(new ByteBuffer[] {src.slice(from, length)}, at);
        }
        long end = at + length;
        long pos = at;
        int p = from;
        long viaCache = 0;
        if (!DirectIo.aligned(pos)) {
            int head = (int) Math.min(DirectIo.ALIGN - (pos & (DirectIo.ALIGN - 1)), end - pos);
            writeFully(buffered, src.slice(p, head), pos);
            pos += head;
            p += head;
            viaCache += head;
        }
        long directEnd = end == padEnd ? end : end & -DirectIo.ALIGN;
        if (pos < directEnd) {
            int n = (int) (directEnd - pos);
            int padded = DirectIo.roundUp(n); // only a run that ends the file has any padding
            for (int z = p + n; z < p + padded; z++) {
                src.put(z, (byte) 0);
            }
            if (!refused && writeDirect(src.slice(p, padded), pos)) {
                directBytes += n;
            } else {
                writeFully(buffered, src.slice(p, n), pos);
                viaCache += n;
            }
            pos += n;
            p += n;
        }
        if (pos < end) {
            writeFully(buffered, src.slice(p, (int) (end - pos)), pos);
            viaCache += end - pos;
        }
        return viaCache;
    }

    /** Bytes written around the page cache so far. */
    long directBytes() {
        return directBytes;
    }

    /**
     * Writes {@code from} (aligned: {@link #buffer}, or a slice of a group's buffer) at {@code at}
     * with O_DIRECT. A file system that let the file be opened with the flag but refuses the write
     * itself (some network and FUSE file systems) gets this and every later slice through the page
     * cache instead.
     *
     * @return false when refused (the buffer is left whole for the ordinary channel)
     */
    private boolean writeDirect(ByteBuffer from, long at) throws IOException {
        try {
            writeFully(direct, from, at);
            return true;
        } catch (IOException e) {
            if (!DirectIo.refusesDirectIo(e) || directBytes > 0) {
                throw e;
            }
            refused = true;
            from.rewind();
            return false;
        }
    }

    private void writeBuffered(Cursor from, int n, long at) throws IOException {
        ByteBuffer piece = ByteBuffer.allocate(n);
        from.copy(piece, n);
        piece.flip();
        writeFully(buffered, piece, at);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        long p = at;
        while (buf.hasRemaining()) {
            p += ch.write(buf, p);
        }
    }

    /** Closes the direct channel; the ordinary one is the caller's. */
    @Override
    public void close() throws IOException {
        direct.close();
    }

    /** Reads the bytes of several buffers in order, consuming them. */
    private static final class Cursor {
        private final ByteBuffer[] bufs;
        private int i;

        Cursor(ByteBuffer[] bufs) {
            this.bufs = bufs;
        }

        /** Copies the next {@code n} bytes into {@code to}. */
        void copy(ByteBuffer to, int n) {
            int left = n;
            while (left > 0) {
                ByteBuffer b = bufs[i];
                if (!b.hasRemaining()) {
                    i++;
                    continue;
                }
                int take = Math.min(left, b.remaining());
                int limit = b.limit();
                b.limit(b.position() + take);
                to.put(b);
                b.limit(limit);
                left -= take;
            }
        }
    }
}
