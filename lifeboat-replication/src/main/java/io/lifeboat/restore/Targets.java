package io.lifeboat.restore;

import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** What a failover target is, whether it may be written, and the metadata calls on it. */
final class Targets {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** Permissions, sticky, setgid, setuid. */
    static final int MODE_BITS = 07777;

    private Targets() {
    }

    /** A target that exists and is neither a regular file nor a folder nor a link: a device. */
    static boolean isDevice(Path p) {
        return Files.exists(p, NOFOLLOW) && !Files.isRegularFile(p, NOFOLLOW) && !Files.isDirectory(p, NOFOLLOW)
                && !Files.isSymbolicLink(p);
    }

    /**
     * A block device (a disk, a partition, a logical volume): it reads back what was written, so a
     * failover can compare it and write in place. A character device ({@code /dev/null}) cannot, so
     * it is written whole. Read from the file type bits of st_mode (S_IFBLK); false where there is no "unix" view.
     */
    static boolean isBlockDevice(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return (mode & 0170000) == 0060000;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /**
     * Whether a forced failover writes {@code target} in place, block by block where it differs: an
     * existing non-empty regular file or a block device. Anything else is written whole.
     */
    static boolean writesInPlace(Path target, boolean force) {
        return force && (isBlockDevice(target) || Files.isRegularFile(target, NOFOLLOW) && size(target) > 0);
    }

    /** Refuses a non-empty target unless forced, and a target of the wrong sort in any case. */
    static void checkFileTarget(Path target, boolean force) {
        if (Files.isDirectory(target)) {
            throw refuse("--to " + target + " is a folder, but the point holds a single file or image; name a file");
        }
        if (Files.isSymbolicLink(target)) {
            throw refuse("--to " + target + " is a symbolic link; name the file or device itself");
        }
        if (!force && isDevice(target)) {
            throw refuse("--to " + target + " is a device that already holds data; add --force to overwrite it");
        }
        if (!force && Files.isRegularFile(target) && size(target) > 0) {
            throw refuse("--to " + target + " is not empty; add --force to overwrite it");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw refuse("the folder of --to " + target + " does not exist");
        }
    }

    static void checkTreeTarget(Path target, boolean force) {
        if (Files.isSymbolicLink(target)) {
            throw refuse("--to " + target + " is a symbolic link; name a folder");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw refuse("--to " + target + " exists and is not a folder; the point holds a folder tree");
        }
        if (!force && Files.isDirectory(target) && !isEmptyDir(target)) {
            throw refuse("--to " + target + " is not empty; add --force to restore into it");
        }
    }

    static boolean isEmptyDir(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            throw refuse("cannot read --to " + dir + ": " + e.getMessage());
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Sets all 12 mode bits (setuid, setgid and sticky too; 0 is a mode like any other) through the
     * JDK's "unix" view, which calls chmod; where there is none, the 9 permission bits; where the
     * target has no POSIX modes at all, nothing. The kernel itself may drop setgid for an owner who
     * is not in the file's group (restoring as root keeps it).
     */
    static void setMode(Path p, int mode) throws IOException {
        // tried rather than asked of the FileStore: Files.getFileStore reads the mount table each time
        try {
            Files.setAttribute(p, "unix:mode", mode & MODE_BITS);
            return;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" view
        }
        try {
            Files.setPosixFilePermissions(p, permissions(mode));
        } catch (UnsupportedOperationException e) {
            // no POSIX modes on this file system
        }
    }

    /** The 12 mode bits of {@code p} (not following a link), or -1 where the file system has none. */
    static int mode(Path p) throws IOException {
        try {
            return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & MODE_BITS;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Modification time of {@code p} (not following a link) in nanoseconds since the epoch. */
    static long mtimeNanos(Path p) throws IOException {
        return Files.getLastModifiedTime(p, NOFOLLOW).to(TimeUnit.NANOSECONDS);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            sb.append((mode & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return PosixFilePermissions.fromString(sb.toString());
    }

    /**
     * Sets the modification time to the nanosecond (the JDK calls utimensat); on a symbolic link
     * the JDK can set it only to the microsecond (lutimes).
     */
    static void setMtime(Path p, long nanos) throws IOException {
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(nanos, TimeUnit.NANOSECONDS), null, null);
    }

    static RestoreException refuse(String message) {
        return new RestoreException(Kind.USAGE, message);
    }
}
