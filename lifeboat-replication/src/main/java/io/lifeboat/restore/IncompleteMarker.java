package io.lifeboat.restore;

import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The file {@code NAME.lifeboat-incomplete} beside a target that a failover writes in place (or a
 * folder tree it writes fresh, file by file): made
 * (and synced, with its folder) before the first byte of the target changes, removed only once the
 * target has been read back whole and matched the point. While it is there, the target may mix two
 * points, and every failover and test failover of that target says so; a rerun finishes the target.
 *
 * <p>Why a file beside the target rather than an extended attribute: it works on every file system
 * and for devices, and an operator sees it with {@code ls}. Its one weakness: beside a device it
 * lives in {@code /dev}, which does not survive a reboot (see docs/disaster-day.md).
 */
final class IncompleteMarker {
    static final String SUFFIX = ".lifeboat-incomplete";

    private final Path path;
    private boolean written;

    private IncompleteMarker(Path path) {
        this.path = path;
    }

    static IncompleteMarker of(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return new IncompleteMarker(abs.resolveSibling(abs.getFileName() + SUFFIX));
    }

    Path path() {
        return path;
    }

    /** The first line of a marker an earlier failover left ("machine M point P"), if there is one. */
    Optional<String> left() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return Optional.of(nl < 0 ? text.strip() : text.substring(0, nl).strip());
        } catch (IOException e) {
            return Optional.of("(unreadable marker: " + e.getMessage() + ")");
        }
    }

    /** Writes the marker durably, once; later calls do nothing. */
    void write(String machine, String pointId) {
        if (written) {
            return;
        }
        String text = "machine " + machine + " point " + pointId + "\n"
                + "started " + Instant.now() + "\n"
                + "A failover is writing " + path.getFileName().toString().replace(SUFFIX, "")
                + ": until this file is gone it may hold parts of two points, or only part of one. Run the same failover"
                + " again to finish it.\n";
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new RestoreException(Kind.FAILED, "cannot write the marker " + path + " that must exist before "
                    + "the target is changed in place: " + e.getMessage(), e);
        }
        syncFolder(path.getParent());
        written = true;
    }

    /** Removes the marker: call only once the target matched the point, block for block. */
    void remove() {
        try {
            if (Files.deleteIfExists(path)) {
                syncFolder(path.getParent());
            }
        } catch (IOException e) {
            throw new RestoreException(Kind.FAILED, "the target matches the point, but its marker " + path
                    + " cannot be removed: " + e.getMessage() + "; remove it by hand", e);
        }
    }

    /** fsync of a folder, so a made or removed entry survives a crash; where folders cannot be opened, nothing. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some systems cannot open a folder for sync; the marker file itself is synced
        }
    }
}
