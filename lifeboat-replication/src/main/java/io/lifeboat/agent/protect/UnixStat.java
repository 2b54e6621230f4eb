package io.lifeboat.agent.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One stat of a folder tree's child: its basic attributes and, for a regular file, its mode, link
 * count and {@link FileStamp}, all from one system call: read from the JDK's own stat object
 * ({@link JdkStat}) where the launcher opened it, else from the JDK's "unix" view. The walk used
 * to stat every file twice (the basic view, then the unix view): on a tree of 47,000 files that
 * was 94,000 stats where 47,000 tell the same. Where the file system has no "unix" view it falls
 * back to the two reads. A folder's or a symlink's mode comes from the same stat: the walk used to
 * stat each of a tree's 3,000 folders twice more and read each of its 4,000 symlinks' mode through
 * the map again, on the walking thread.
 *
 * @param mode the 12 mode bits, or -1 where the file system does not give them ({@link
 *             SourceMetadata#mode} then decides)
 * @param unix null unless the child is a regular file
 */
record UnixStat(BasicFileAttributes attributes, int mode, SourceMetadata.Unix unix) {
    private static final String ATTRIBUTES = "unix:mode,nlink,size,lastModifiedTime,lastAccessTime,creationTime,ctime,"
            + "ino,dev,uid,gid,isRegularFile,isDirectory,isSymbolicLink,isOther,fileKey";

    /**
     * Without following a symlink; an IOException (gone, unreadable) as {@code Files.readAttributes}
     * throws it. From the JDK's own stat object where the launcher opened it ({@link JdkStat}), else
     * from the "unix" view's map ({@link #ofMap}): the same values either way.
     */
    static UnixStat of(Path p) throws IOException {
        UnixStat direct = JdkStat.of(p);
        return direct != null ? direct : ofMap(p);
    }

    /** The mode bits, or {@link SourceMetadata#mode}'s answer for {@code p} where this stat did not give them. */
    int modeOr(Path p, int unknown) {
        return mode >= 0 ? mode : SourceMetadata.mode(p, unknown);
    }

    /** {@link #of} through the "unix" view's map, or the basic and posix views where there is none. */
    static UnixStat ofMap(Path p) throws IOException {
        Map<String, Object> m;
        try {
            m = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            m = Map.of();
        }
        if (!(m.get("mode") instanceof Integer mode) || !(m.get("nlink") instanceof Integer links)) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new UnixStat(a, -1, a.isRegularFile() ? SourceMetadata.unix(p, 0644) : null);
        }
        Attributes a = new Attributes(m);
        return new UnixStat(a, mode & 07777, a.isRegularFile() ? SourceMetadata.unix(m, mode, links) : null);
    }

    /** The basic attributes as the "unix" view's map gave them. */
    private record Attributes(Map<String, Object> m) implements BasicFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            return (FileTime) m.get("lastModifiedTime");
        }

        @Override
        public FileTime lastAccessTime() {
            return (FileTime) m.get("lastAccessTime");
        }

        @Override
        public FileTime creationTime() {
            return (FileTime) m.get("creationTime");
        }

        @Override
        public boolean isRegularFile() {
            return Boolean.TRUE.equals(m.get("isRegularFile"));
        }

        @Override
        public boolean isDirectory() {
            return Boolean.TRUE.equals(m.get("isDirectory"));
        }

        @Override
        public boolean isSymbolicLink() {
            return Boolean.TRUE.equals(m.get("isSymbolicLink"));
        }

        @Override
        public boolean isOther() {
            return Boolean.TRUE.equals(m.get("isOther"));
        }

        @Override
        public long size() {
            return (Long) m.get("size");
        }

        @Override
        public Object fileKey() {
            return m.get("fileKey");
        }
    }
}
