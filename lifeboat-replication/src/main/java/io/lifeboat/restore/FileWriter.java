package io.lifeboat.restore;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes one FILE entry block by block. Into a regular file, all-zero blocks become holes (the file
 * is sparse); onto a device they are written as zeros, since a device has no holes. Every non-zero
 * block is fetched (and so verified) before it is written.
 */
final class FileWriter {
    private final BlockFetcher blocks;
    private final Progress progress;

    FileWriter(BlockFetcher blocks, Progress progress) {
        this.blocks = blocks;
        this.progress = progress;
    }

    /** Writes {@code e} into a new or emptied regular file {@code p}, sparse. */
    void writeSparse(Entry e, Path p) {
        long offset = 0;
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(0);
            FileChannel ch = raf.getChannel();
            for (BlockRef ref : e.blocks()) {
                if (!ref.isZero()) {
                    writeFully(ch, blocks.fetch(ref, e.path()), offset);
                } else {
                    progress.zeroBlock();
                }
                offset += ref.length();
                progress.add(ref.length());
            }
            raf.setLength(e.size());
            ch.force(true);
        } catch (IOException x) {
            throw failure(p, e, offset, x);
        }
    }

    /** Writes {@code e} over the start of a device (or any existing file, without truncating), zeros included. */
    void writeDevice(Entry e, Path p) {
        long offset = 0;
        try (FileChannel ch = FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            for (BlockRef ref : e.blocks()) {
                byte[] data = ref.isZero() ? new byte[ref.length()] : blocks.fetch(ref, e.path());
                if (ref.isZero()) {
                    progress.zeroBlock();
                }
                writeFully(ch, data, offset);
                offset += ref.length();
                progress.add(ref.length());
            }
            syncDevice(ch);
        } catch (IOException x) {
            throw failure(p, e, offset, x);
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
