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
 * and for devices, and an operator sees it with {@code ls}. A block device is the exception: beside
 * it the marker would live in {@code /dev}, which a reboot empties, so when the caller names a
 * folder for device markers ({@link FailoverOptions#deviceMarkers()}, {@code failover --marker-dir})
 * it is kept there instead, named by the device's path ({@code %2Fdev%2Fsdb.lifeboat-incomplete}).
 * A marker an earlier run left beside the device is still found, and removed with the other.
 */
final class IncompleteMarker {
    static final String SUFFIX = ".lifeboat-incomplete";

    private final Path path;
    /** Where an earlier run may have left a marker as well (beside a device); null when that is {@link #path}. */
    private final Path beside;
    private boolean written;

    private IncompleteMarker(Path path, Path beside) {
        this.path = path;
        this.beside = beside;
    }

    static IncompleteMarker of(Path target) {
        return of(target, null);
    }

    /** @param deviceMarkers the folder for a block device's marker; null keeps every marker beside its target */
    static IncompleteMarker of(Path target, Path deviceMarkers) {
        return at(target, deviceMarkers, deviceMarkers != null && Targets.isBlockDevice(target));
    }

    /** The marker of {@code target}, placed as for a block device when {@code device} (tests name their own). */
    static IncompleteMarker at(Path target, Path deviceMarkers, boolean device) {
        Path abs = target.toAbsolutePath().normalize();
        Path beside = abs.resolveSibling(abs.getFileName() + SUFFIX);
        if (!device) {
            return new IncompleteMarker(beside, null);
        }
        String name = java.net.URLEncoder.encode(abs.toString(), StandardCharsets.UTF_8) + SUFFIX;
        return new IncompleteMarker(deviceMarkers.toAbsolutePath().normalize().resolve(name), beside);
    }

    Path path() {
        return path;
    }

    /** The marker file that stands now (where it is written, else one an earlier run left beside the device), or {@link #path}. */
    Path standing() {
        return !Files.exists(path) && beside != null && Files.exists(beside) ? beside : path;
    }

    /** The first line of a marker an earlier failover left ("machine M point P"), if there is one. */
    Optional<String> left() {
        Path found = Files.exists(path) ? path : beside != null && Files.exists(beside) ? beside : null;
        if (found == null) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(found, StandardCharsets.UTF_8);
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
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new RestoreException(Kind.FAILED, "cannot make the folder " + path.getParent() + " for the marker that"
                    + " must exist before the target is changed in place: " + e.getMessage(), e);
        }
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
            if (beside != null && Files.deleteIfExists(beside)) {
                syncFolder(beside.getParent());
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
