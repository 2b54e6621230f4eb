package io.lifeboat.repository;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An operating-system lock on a whole file ({@code flock}/{@code fcntl} through {@link FileChannel}):
 * the kernel releases it when the process dies, however it dies, so a lock can never outlive its
 * holder. The file itself is never deleted (a new file would be a new lock). Within one JVM the
 * kernel does not arbitrate; {@link FileChannel} reports a lock this JVM already holds as an
 * {@link OverlappingFileLockException}, which counts here as "held by someone else".
 */
final class OsFileLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private OsFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, exclusive or shared, if nobody holds a conflicting one right now. */
    static Optional<OsFileLock> tryLock(Path file, boolean shared) throws IOException {
        FileChannel ch = open(file, shared);
        try {
            FileLock l = ch.tryLock(0, Long.MAX_VALUE, shared);
            if (l != null) {
                return Optional.of(new OsFileLock(ch, l));
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
        ch.close();
        return Optional.empty();
    }

    /** The lock, waiting while another process holds a conflicting one. */
    static OsFileLock lock(Path file, boolean shared) throws IOException {
        FileChannel ch = open(file, shared);
        try {
            return new OsFileLock(ch, ch.lock(0, Long.MAX_VALUE, shared));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Opens the lock file; a shared lock needs only reading and never creates it (readers leave no trace). */
    private static FileChannel open(Path file, boolean shared) throws IOException {
        if (shared) {
            return FileChannel.open(file, StandardOpenOption.READ);
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
