package io.lifeboat.agent.protect;

import com.sun.nio.file.ExtendedOpenOption;
import io.lifeboat.repository.backend.DirectIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A source file opened for reading its blocks, around the page cache ({@code O_DIRECT}) where the
 * file system allows it, through the page cache otherwise.
 *
 * <p>Why (issue 14): on this VM, reading 1 GiB that is not in the page cache cost 0.76-1.42 CPU s
 * of kernel time through the cache (every page allocated, filled, copied out) against 0.10-0.13 s
 * with {@code O_DIRECT}, and took longer too (1.6-3.3 s against 0.8-1.5 s, {@code dd bs=512K}); a
 * disk image being protected is mostly not in the cache, and its first full pass would otherwise
 * also push the machine's own working set out of it. For a file that is in the cache, both ways
 * cost the same CPU (0.10-0.17 s), and {@code O_DIRECT} reads it from the disk again.
 *
 * <p>{@code O_DIRECT} needs every read's file offset, length and buffer address aligned to the file
 * system's block: reads here start at multiples of the block size into buffers aligned to {@link
 * #ALIGN} ({@link #alignedBuffer}), and a read that comes back short ends the file (only the
 * last one can). So it is used only when the block size is a multiple of {@link #ALIGN} and the
 * file system's block divides it; a file system that refuses the flag, or the first read with it
 * (tmpfs on older kernels, some network and FUSE file systems), gets a plain channel instead.
 * {@code -Dlifeboat.agent.directReads=false} turns it off (to compare, or for a disk whose own
 * reads are slower than the cache it bypasses).
 */
record SourceChannel(FileChannel channel, boolean direct) implements AutoCloseable {
    /** The alignment of reads and buffers: the one the vault's and the failover's direct I/O use. */
    static final int ALIGN = DirectIo.ALIGN;
    /** Whether O_DIRECT is tried at all; see the class comment. */
    static final boolean ENABLED = !"false".equals(System.getProperty("lifeboat.agent.directReads"));

    /**
     * Opens {@code file} to be read in blocks of {@code blockSize}: with O_DIRECT when {@code
     * tryDirect}, this class is {@link #ENABLED} and the file system takes it, else through the cache.
     */
    static SourceChannel open(Path file, int blockSize, boolean tryDirect) throws IOException {
        if (tryDirect && ENABLED && blockSize % ALIGN == 0 && fileSystemBlockDividesAlign(file)) {
            FileChannel ch = openDirect(file);
            if (ch != null) {
                return new SourceChannel(ch, true);
            }
        }
        return new SourceChannel(FileChannel.open(file, StandardOpenOption.READ), false);
    }

    /**
     * A buffer of exactly {@code size} bytes outside the heap whose address is a multiple of {@link
     * #ALIGN}: exactly, unlike {@link DirectIo#alignedBuffer}, since a slice of blocks of any size is
     * read into it whole, with or without O_DIRECT.
     */
    static ByteBuffer alignedBuffer(int size) {
        return ByteBuffer.allocateDirect(size + ALIGN).alignedSlice(ALIGN).slice(0, size);
    }

    /**
     * Whether the reading of a buffer ends at its current position: at end of file, or after a
     * short read through O_DIRECT, which can come back short only at the end of the file (and a
     * further read from that unaligned offset would be refused).
     */
    boolean endsAfter(int read, ByteBuffer into) {
        return read < 0 || direct && into.position() % ALIGN != 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * The channel with O_DIRECT, or null when the platform or the file system refuses the flag or a
     * first read with it. Any failure gives null: Linux answers {@code EINVAL}, other systems in
     * their own words, and a failure that is not about the flag (a missing or unreadable file)
     * comes back from the plain channel opened instead, as it would have without trying.
     */
    private static FileChannel openDirect(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
        try {
            ch.read(alignedBuffer(ALIGN), 0); // some file systems take the flag and refuse the reads
            return ch;
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // it was never used
            }
            return null;
        }
    }

    private static boolean fileSystemBlockDividesAlign(Path file) {
        try {
            long b = Files.getFileStore(file).getBlockSize();
            return b > 0 && ALIGN % b == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
