package io.lifeboat.agent.protect;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * A tree child's stat read from the object the JDK's own stat fills ({@code sun.nio.fs.UnixFileAttributes}),
 * through the accessors its "unix" view reads it with, instead of through that view's map: the map
 * (its attribute names parsed on every call, a HashMap, a box per field) cost a tree pass 4.7-6.2
 * µs per file where this costs 2.4-2.8 (53,697 stats in a loop, C1 as a tree pass compiles it):
 * about 0.12 CPU s of a 50,000-file tree's walk. The same system call, the same values: the mode,
 * inode, device, links, owner, size, and mtime and ctime as the same {@link FileTime}s.
 *
 * <p>The class is the JDK's, not exported: the `lifeboat` launcher opens its package to the agent
 * ({@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}). Where it is not open, or a JDK names
 * these accessors otherwise, {@link #AVAILABLE} is false and {@link UnixStat} reads the map.
 */
final class JdkStat {
    private static final Class<?> TYPE;
    private static final MethodHandle MODE;
    private static final MethodHandle INO;
    private static final MethodHandle DEV;
    private static final MethodHandle NLINK;
    private static final MethodHandle UID;
    private static final MethodHandle GID;
    private static final MethodHandle CTIME;
    /** Whether {@link #of} can read the JDK's stat object here. */
    static final boolean AVAILABLE;

    static {
        Class<?> type = null;
        MethodHandle[] h = new MethodHandle[7];
        try {
            type = Class.forName("sun.nio.fs.UnixFileAttributes");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            String[] ints = {"mode", "nlink", "uid", "gid"};
            for (int i = 0; i < ints.length; i++) {
                h[i] = l.findVirtual(type, ints[i], MethodType.methodType(int.class)).asType(
                        MethodType.methodType(int.class, Object.class));
            }
            h[4] = l.findVirtual(type, "ino", MethodType.methodType(long.class)).asType(MethodType.methodType(long.class, Object.class));
            h[5] = l.findVirtual(type, "dev", MethodType.methodType(long.class)).asType(MethodType.methodType(long.class, Object.class));
            h[6] = l.findVirtual(type, "ctime", MethodType.methodType(FileTime.class)).asType(
                    MethodType.methodType(FileTime.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notOpen) {
            type = null; // not opened to us (IllegalAccessException), or another JDK: the map it is
        }
        TYPE = type;
        MODE = h[0];
        NLINK = h[1];
        UID = h[2];
        GID = h[3];
        INO = h[4];
        DEV = h[5];
        CTIME = h[6];
        AVAILABLE = type != null;
    }

    private JdkStat() {
    }

    /**
     * One stat of {@code p}, not following a symlink, or null when the JDK's object cannot be read
     * here (then {@link UnixStat} reads the "unix" view's map); an IOException as {@code Files.readAttributes} throws it.
     */
    static UnixStat of(Path p) throws IOException {
        if (!AVAILABLE) {
            return null;
        }
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!TYPE.isInstance(a)) {
            return null; // another file system's attributes
        }
        try {
            int mode = (int) MODE.invokeExact((Object) a);
            if (!a.isRegularFile()) {
                return new UnixStat(a, mode & 07777, null);
            }
            FileStamp stamp = new FileStamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    ((FileTime) CTIME.invokeExact((Object) a)).to(TimeUnit.NANOSECONDS), (long) INO.invokeExact((Object) a),
                    (long) DEV.invokeExact((Object) a), mode & 07777, (int) UID.invokeExact((Object) a),
                    (int) GID.invokeExact((Object) a));
            return new UnixStat(a, mode & 07777,
                    new SourceMetadata.Unix(mode & 07777, (int) NLINK.invokeExact((Object) a), stamp));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable cannot) { // the accessors declare nothing: a checked one is a JDK that changed under us
            throw new IllegalStateException("reading the JDK's stat of " + p, cannot);
        }
    }
}
