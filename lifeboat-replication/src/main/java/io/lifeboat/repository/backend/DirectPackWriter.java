package io.lifeboat.repository.backend;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * Writes a large new file (a pack) around the page cache, with {@code O_DIRECT} on Linux: straight
 * from the caller's buffer when it lies outside the heap at an aligned address (a pack received in
 * place, issue 14 session 11), else through one aligned buffer outside the heap per thread. Why
 * (issue 14): a buffered write copies every byte into freshly allocated page-cache pages, and on a
 * virtual machine whose free memory is handed back to the host (virtio balloon, free page reporting)
 * each such page is faulted in by the host on first touch. Measured on the build VM, 1 GiB written
 * through the page cache cost 1.25-1.8 CPU-s of kernel time against 0.1-0.35 s with
 * {@code O_DIRECT}; that copy was a third of the vault's upload workers' samples. A pack is written
 * once and read rarely, so keeping it in the page cache bought nothing either.
 *
 * <p>O_DIRECT needs the file offset, the length and the buffer address aligned to the device's
 * block; a pack's length is not, so the last block is written padded with zeros and the file is
 * then truncated to its length. Durability is unchanged: the caller still syncs the file (the
 * device's cache and the file's size and extents) before it names it. A file system that refuses
 * O_DIRECT (tmpfs on older kernels, some network file systems) turns it off for this writer, and
 * the file is written through the page cache as before.
 */
final class DirectPackWriter {
    /** Files smaller than this (index files, records) go through the page cache: not worth a device round trip each. */
    static final int MIN_BYTES = 256 << 10;
    /** Bytes per write, and the size of each thread's aligned buffer. */
    static final int SLICE = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> DirectIo.alignedBuffer(SLICE));

    private static final byte[] ZEROS = new byte[DirectIo.ALIGN];

    private volatile boolean enabled;

    /** @param enabled false: never try O_DIRECT (every write goes through the page cache) */
    DirectPackWriter(boolean enabled) {
        this.enabled = enabled && DirectIo.LINUX;
    }

    /** True while files of {@link #MIN_BYTES} or more are written around the page cache. */
    boolean enabled() {
        return enabled;
    }

    /**
     * Writes {@code data[offset .. offset + length)} as the new file {@code path} (created, not
     * synced) with O_DIRECT, when this writer is enabled and the file is large enough.
     *
     * @return false when it did not write (the caller writes the file through the page cache); a
     *     file system that refused O_DIRECT leaves no file behind and turns this writer off
     * @throws IOException any other failure (a full disk, say), with no file left behind
     */
    boolean write(Path path, byte[] data, int offset, int length, FileAttribute<?> mode) throws IOException {
        return write(path, ByteBuffer.wrap(data, offset, length), mode);
    }

    /**
     * {@link #write(Path, byte[], int, int, FileAttribute)} of the bytes between {@code data}'s
     * position and limit (left as they were). A buffer outside the heap whose position lies on an
     * aligned address (a pack received in place, {@code ReceivingPack}) is written where it lies, but
     * for its last partial 4 KiB block, which goes through this thread's aligned buffer padded with
     * zeros (the caller's bytes past the limit are never written or read); any other buffer is
     * copied slice by slice into this thread's aligned buffer.
     */
    boolean write(Path path, ByteBuffer data, FileAttribute<?> mode) throws IOException {
        if (!enabled || data.remaining() < MIN_BYTES) {
            return false;
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        try (FileChannel ch = mode == null ? FileChannel.open(path, options) : FileChannel.open(path, options, mode)) {
            ByteBuffer src = data.duplicate();
            long length = src.remaining();
            long at = inPlace(src) ? writeInPlace(ch, src) : 0;
            writeAligned(ch, src, at);
            if (ch.size() != length) {
                ch.truncate(length);
            }
            return true;
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof FileAlreadyExistsException exists) {
                throw exists; // never written over, whichever way
            }
            // some file systems create the file before refusing the flag, or refuse the first write
            Files.deleteIfExists(path);
            if (DirectIo.refusesDirectIo(e)) {
                enabled = false;
                return false;
            }
            throw e;
        }
    }

    /** True when {@code src} lies outside the heap with its position on an aligned address. */
    static boolean inPlace(ByteBuffer src) {
        return src.isDirect() && src.alignmentOffset(src.position(), DirectIo.ALIGN) == 0;
    }

    /**
     * Writes the whole 4 KiB blocks of {@code src} straight from it, at file offset 0, and moves its
     * position past them; returns the file offset the rest goes to.
     */
    private static long writeInPlace(FileChannel ch, ByteBuffer src) throws IOException {
        int whole = src.remaining() & -DirectIo.ALIGN;
        ByteBuffer blocks = src.slice(src.position(), whole);
        long pos = 0;
        while (blocks.hasRemaining()) {
            pos += ch.write(blocks, pos);
        }
        src.position(src.position() + whole);
        return whole;
    }

    /**
     * Copies what is left of {@code src} slice by slice into the aligned buffer and writes it from
     * file offset {@code at} (a multiple of 4 KiB); the last slice is padded with zeros, which the
     * caller cuts off.
     */
    private static void writeAligned(FileChannel ch, ByteBuffer src, long at) throws IOException {
        ByteBuffer buf = BUFFER.get();
        while (src.hasRemaining()) {
            int n = Math.min(SLICE, src.remaining());
            int padded = DirectIo.roundUp(n);
            buf.clear();
            buf.put(buf.position(), src, src.position(), n);
            buf.position(n);
            src.position(src.position() + n);
            buf.put(ZEROS, 0, padded - n);
            buf.flip();
            long pos = at;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            at += n;
        }
    }
}
