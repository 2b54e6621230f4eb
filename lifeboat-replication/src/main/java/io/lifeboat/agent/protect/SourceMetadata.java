package io.lifeboat.agent.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The metadata of a source entry as a point records it: its 12 mode bits and its mtime to the nanosecond. */
final class SourceMetadata {
    private static final int MODE_BITS = 07777;

    private SourceMetadata() {
    }

    /**
     * A file's mode and its number of hard links (1 where the file system does not say), and what
     * tells whether it changed since the last pass without reading it ({@link FileStamp}): null
     * where the file system has no "unix" view (every such file is read every pass).
     */
    record Unix(int mode, int links, FileStamp stamp) {
    }

    /** Mode, link count and stamp in one stat (the JDK's "unix" view); as {@link #mode} where there is none. */
    static Unix unix(Path p, int unknown) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,nlink,size,lastModifiedTime,ctime,ino,dev,uid,gid",
                    LinkOption.NOFOLLOW_LINKS);
            if (a.get("mode") instanceof Integer m && a.get("nlink") instanceof Integer n) {
                return new Unix(m & MODE_BITS, n, FileStamp.of(a, m & MODE_BITS));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // as mode() does
        }
        return new Unix(mode(p, unknown), 1, null);
    }

    /** As {@link #unix(Path, int)}, from the "unix" view's attributes already read ({@link UnixStat}). */
    static Unix unix(Map<String, Object> attributes, int mode, int links) {
        return new Unix(mode & MODE_BITS, links, FileStamp.of(attributes, mode & MODE_BITS));
    }

    /**
     * All 12 mode bits (permissions, setuid, setgid, sticky; 0 is a real mode) through the JDK's
     * "unix" view; the 9 permission bits where only the "posix" view exists; {@code unknown}
     * (0644, 0755) where the file system has no POSIX modes, so such a source restores usable.
     */
    static int mode(Path p, int unknown) {
        try {
            Object m = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (m instanceof Integer i) {
                return i & MODE_BITS;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // fall through to POSIX permissions
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission perm : perms) {
                mode |= 1 << (8 - perm.ordinal());
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return unknown;
        }
    }

    /** Nanoseconds since the epoch (the JDK reads them from stat's nanosecond field). */
    static long mtimeNanos(BasicFileAttributes a) {
        return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}
