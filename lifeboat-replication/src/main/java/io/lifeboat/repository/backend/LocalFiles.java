package io.lifeboat.repository.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * The durable file operations of a {@link LocalBackend}'s folder: new files written owner-only and
 * in slices, a file replaced by renaming a synced temporary over it, and the reason an I/O error
 * gives, in words. Static: they hold no state (the folders' syncs are {@link LocalFolders}').
 */
final class LocalFiles {
    static final String TEMP_PREFIX = ".tmp-";
    /**
     * A file is written at most this much per call. The JDK copies a heap buffer into a per-thread
     * temporary direct buffer of the write's size and keeps it: whole 16 MiB packs left 16 MiB of
     * native memory behind each vault worker thread.
     */
    static final int WRITE_SLICE = 1 << 20;
    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** The vault holds every machine's data: files 0600, readable by the vault's user only (folders: {@link LocalFolders}). */
    static final FileAttribute<?> FILE_MODE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private LocalFiles() {
    }

    /** Writes a new temporary (owner-only), in slices; {@code sync}: forced to disk before it returns. */
    static void write(Path temp, byte[] data, int offset, int length, boolean sync) throws IOException {
        try (FileChannel ch = POSIX
                ? FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)
                : FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int off = offset; off < offset + length; off += WRITE_SLICE) {
                ByteBuffer buf = ByteBuffer.wrap(data, off, Math.min(WRITE_SLICE, offset + length - off));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            if (sync) {
                ch.force(true);
            }
        }
    }

    /**
     * {@link #write(Path, byte[], int, int, boolean)} of the bytes between {@code data}'s position and
     * limit (left as they were), through the page cache.
     */
    static void write(Path temp, ByteBuffer data, boolean sync) throws IOException {
        try (FileChannel ch = POSIX
                ? FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)
                : FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = data.duplicate();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (sync) {
                ch.force(true);
            }
        }
    }

    /** Writes a synced temporary and renames it over {@code target}: readers see the old bytes or the new. */
    static void writeOver(Path target, byte[] data, LocalFolders folders) throws IOException {
        Path temp = target.getParent().resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            write(temp, data, 0, data.length, true);
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            folders.sync(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (m != null && m.contains("No space left")) {
            return "no space left on the device";
        }
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
