package io.lifeboat.restore;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.IntegrityException;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The second half of a test failover: reads TARGET back and checks every block against the point
 * (hash for data, all zeros for holes), every link target and every folder, and the metadata a
 * restore sets: all 12 mode bits and the modification time to the nanosecond (a link's to the
 * microsecond, all the JDK can set on one). So "the restore is identical" is measured, not
 * assumed; the first difference fails the check, naming the path and what differs.
 */
final class RestoreCheck {
    private final RestoreListener listener;
    private long checked;

    RestoreCheck(RestoreListener listener) {
        this.listener = listener;
    }

    void check(Manifest m, Path target) {
        Path root = target.toAbsolutePath().normalize();
        for (Entry e : m.entries()) {
            Path p = m.kind() == SourceKind.DIRECTORY ? TreeRestore.resolve(root, e.path()) : root;
            switch (e.type()) {
                case FILE -> {
                    boolean device = m.kind() != SourceKind.DIRECTORY && Targets.isDevice(p);
                    checkFile(e, p, device);
                    if (!device) {
                        checkMetadata(e, p);
                    }
                }
                case SYMLINK -> {
                    checkLink(e, p);
                    checkMetadata(e, p);
                }
                case DIRECTORY -> {
                    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        throw differs(e, p, "is not a folder");
                    }
                    checkMetadata(e, p);
                }
                default -> throw new IllegalStateException("unknown entry type " + e.type());
            }
        }
    }

    /** Mode (not a link's: links have none of their own) and modification time. */
    private static void checkMetadata(Entry e, Path p) {
        try {
            int mode = Targets.mode(p);
            if (e.type() != EntryType.SYMLINK && mode >= 0 && mode != (e.mode() & Targets.MODE_BITS)) {
                throw differs(e, p, "has mode " + octal(mode) + ", the point has " + octal(e.mode()));
            }
            long mtime = Targets.mtimeNanos(p);
            long expected = e.mtimeNanos();
            if (e.type() == EntryType.SYMLINK) {
                mtime = Math.floorDiv(mtime, 1000) * 1000;
                expected = Math.floorDiv(expected, 1000) * 1000;
            }
            if (mtime != expected) {
                throw differs(e, p, "was modified at " + instant(mtime) + ", the point has " + instant(expected));
            }
        } catch (IOException x) {
            throw differs(e, p, "cannot be read: " + x.getMessage());
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & Targets.MODE_BITS);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private void checkFile(Entry e, Path p, boolean device) {
        try (InputStream in = Files.newInputStream(p)) {
            if (!device && Files.size(p) != e.size()) {
                throw differs(e, p, "is " + Files.size(p) + " bytes, the point has " + e.size());
            }
            long offset = 0;
            for (BlockRef ref : e.blocks()) {
                byte[] data = in.readNBytes(ref.length());
                boolean same = data.length == ref.length() && (ref.isZero() ? allZero(data) : BlockId.of(data).equals(ref.id()));
                if (!same) {
                    throw new IntegrityException(ref.id(), null, "test failover: " + p + " differs from the point at offset "
                            + offset + (ref.isZero() ? " (a hole should read as zeros)" : " (block " + ref.id() + ")"));
                }
                offset += ref.length();
                checked += ref.length();
                listener.checking(checked);
            }
        } catch (IOException x) {
            throw new RestoreException(io.lifeboat.tls.LifeboatException.Kind.FAILED, "test failover: cannot read back "
                    + p + ": " + x.getMessage(), x);
        }
    }

    private static void checkLink(Entry e, Path p) {
        try {
            if (!Files.isSymbolicLink(p) || !Files.readSymbolicLink(p).toString().equals(e.linkTarget())) {
                throw differs(e, p, "is not a link to " + e.linkTarget());
            }
        } catch (IOException x) {
            throw differs(e, p, "cannot be read: " + x.getMessage());
        }
    }

    private static boolean allZero(byte[] data) {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static IntegrityException differs(Entry e, Path p, String what) {
        return new IntegrityException(null, null, "test failover: " + p + " " + what);
    }
}
