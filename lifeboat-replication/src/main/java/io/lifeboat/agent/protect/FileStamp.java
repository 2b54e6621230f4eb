package io.lifeboat.agent.protect;

import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one stat tells of a regular file, to decide without reading it that its content is what the
 * last committed point holds (the rule of git's index and restic's archiver): size, mtime and ctime
 * to the nanosecond, inode and device, and mode and owner (metadata the point records or may).
 *
 * <p>Why ctime is the guard: a program can set a file's mtime back after writing it (tar, rsync -t,
 * cp -p do), but not its ctime, which the kernel sets to "now" on every change of content or
 * metadata. What this cannot see is a change within the same clock tick as the stat the last pass
 * recorded (the kernel's coarse clock, a few milliseconds): such a file would keep its stamp. The
 * agent therefore never trusts a stamp whose ctime or mtime is not clearly older than the pass that
 * recorded it ({@link #settledBefore}), reads a file again whenever any field differs, and reads
 * every file of the tree again after a configurable age ({@code agent protect --reread-after}) or
 * on demand ({@code --rehash}).
 */
record FileStamp(long size, long mtimeNanos, long ctimeNanos, long inode, long device, int mode, int uid, int gid) {
    /** How much older than the pass's start a ctime or mtime must be for the stamp to be trusted later. */
    static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The stamp from the "unix" view's attributes; null when one of them is missing. */
    static FileStamp of(Map<String, Object> a, int mode) {
        if (a.get("size") instanceof Long size && a.get("lastModifiedTime") instanceof FileTime mtime
                && a.get("ctime") instanceof FileTime ctime && a.get("ino") instanceof Long ino
                && a.get("dev") instanceof Long dev && a.get("uid") instanceof Integer uid
                && a.get("gid") instanceof Integer gid) {
            return new FileStamp(size, mtime.to(TimeUnit.NANOSECONDS), ctime.to(TimeUnit.NANOSECONDS), ino, dev, mode,
                    uid, gid);
        }
        return null;
    }

    /**
     * Field by field, as the record's own {@code equals} compares: that one goes through method
     * handles ({@code ObjectMethods}), which a fresh agent runs slowly before the JIT has compiled
     * them, and a tree's pass compares 47,000 stamps on its read-ahead threads.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FileStamp s && size == s.size && mtimeNanos == s.mtimeNanos && ctimeNanos == s.ctimeNanos
                && inode == s.inode && device == s.device && mode == s.mode && uid == s.uid && gid == s.gid;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(size);
        h = 31 * h + Long.hashCode(mtimeNanos);
        h = 31 * h + Long.hashCode(ctimeNanos);
        h = 31 * h + Long.hashCode(inode);
        h = 31 * h + Long.hashCode(device);
        h = 31 * h + mode;
        h = 31 * h + uid;
        return 31 * h + gid;
    }

    /**
     * True when neither the content nor the inode can have changed within the clock tick of
     * {@code passStartNanos} (nanoseconds since the epoch, taken before the walk began): only then
     * may the next pass trust this stamp (git's "racily clean" rule).
     */
    boolean settledBefore(long passStartNanos) {
        return ctimeNanos < passStartNanos - SETTLE_NANOS && mtimeNanos < passStartNanos - SETTLE_NANOS;
    }
}
