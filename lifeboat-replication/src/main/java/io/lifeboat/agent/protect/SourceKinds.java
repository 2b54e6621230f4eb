package io.lifeboat.agent.protect;

import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Decides what a protected path is, and how big it is for progress. */
final class SourceKinds {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final Set<String> IMAGE_SUFFIXES = Set.of(".img", ".raw", ".iso", ".vhd", ".vhdx", ".vmdk",
            ".qcow2", ".bin", ".dd");

    private SourceKinds() {
    }

    /** Follows a symlink given as the source itself (protecting "/dev/disk/by-id/x" means the disk). */
    static SourceKind detect(Path source) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(source, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot protect " + source + ": no such file");
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot protect " + source + ": " + e);
        }
        if (a.isDirectory()) {
            return SourceKind.DIRECTORY;
        }
        if (a.isRegularFile()) {
            String name = source.getFileName() == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
            return IMAGE_SUFFIXES.stream().anyMatch(name::endsWith) ? SourceKind.IMAGE : SourceKind.FILE;
        }
        if (isBlockDevice(source)) {
            return SourceKind.BLOCK_DEVICE;
        }
        throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot protect " + source
                + ": not a regular file, block device or directory");
    }

    /**
     * Whether a source of this kind may be kept unread when its {@link FileStamp} is unchanged: a
     * regular file only (an image or a file). Never a block device: the stamp of its node in
     * {@code /dev} does not change when its blocks are written. Never a tree as a whole: its files
     * are judged one by one ({@link TreeWalk}).
     */
    static boolean keptByStamp(SourceKind kind) {
        return kind == SourceKind.IMAGE || kind == SourceKind.FILE;
    }

    /**
     * The stamp of an image or file source, following a symlink given as the source (the file it
     * names is what is read, and a link moved to another file gives another inode); null for any
     * other kind ({@link #keptByStamp}), or where the file system has no "unix" view or the stat fails
     * (the source is then read).
     */
    static FileStamp stamp(Path source, SourceKind kind) {
        if (!keptByStamp(kind)) {
            return null;
        }
        try {
            Map<String, Object> a = Files.readAttributes(source, "unix:mode,size,lastModifiedTime,ctime,ino,dev,uid,gid");
            return a.get("mode") instanceof Integer mode ? FileStamp.of(a, mode & 07777) : null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isBlockDevice(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            return mode instanceof Integer m && (m & S_IFMT) == S_IFBLK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The bytes of a tree's regular files, one stat per entry (the walk's own; {@code Files.walk}
     * then {@code isRegularFile} then {@code length} took three). A folder that cannot be read is
     * left out: the pass itself reports it.
     */
    private static long treeBytes(Path root) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                bytes[0] += a.isRegularFile() ? a.size() : 0;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }

    /**
     * Size for progress only (reading always goes to end of file). A block device's size comes
     * from the device itself: {@code FileChannel.size()}, else {@code /sys/class/block/NAME/size}.
     */
    static long estimateSize(Path source, SourceKind kind) {
        try {
            if (kind == SourceKind.DIRECTORY) {
                return treeBytes(source);
            }
            long size;
            try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
                size = ch.size();
            }
            if (size == 0 && kind == SourceKind.BLOCK_DEVICE) {
                Path sys = Path.of("/sys/class/block", source.toRealPath().getFileName().toString(), "size");
                if (Files.isReadable(sys)) {
                    return Long.parseLong(Files.readString(sys).strip()) * 512;
                }
                return -1;
            }
            return size;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
