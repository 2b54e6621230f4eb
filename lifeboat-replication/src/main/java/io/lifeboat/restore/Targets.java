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

/** What a failover target is, whether it may be written, and the metadata calls on it. */
final class Targets {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private Targets() {
    }

    /** A target that exists and is neither a regular file nor a folder nor a link: a device. */
    static boolean isDevice(Path p) {
        return Files.exists(p, NOFOLLOW) && !Files.isRegularFile(p, NOFOLLOW) && !Files.isDirectory(p, NOFOLLOW)
                && !Files.isSymbolicLink(p);
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

    static void setMode(Path p, int mode) throws IOException {
        if (mode == 0 || !Files.getFileStore(p).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(p, permissions(mode));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            sb.append((mode & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return PosixFilePermissions.fromString(sb.toString());
    }

    static void setMtime(Path p, long millis) throws IOException {
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.fromMillis(millis), null, null);
    }

    static RestoreException refuse(String message) {
        return new RestoreException(Kind.USAGE, message);
    }
}
