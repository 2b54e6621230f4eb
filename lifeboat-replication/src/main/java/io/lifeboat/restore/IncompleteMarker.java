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
import java.util.function.Consumer;

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
 *
 * <p>The marker's folder is synced after the marker is made, so a crash cannot lose its name. When
 * that sync fails (a file system that refuses folder syncs, or a disk error: Java cannot tell them
 * apart) the failover goes on, because refusing would make failover in place impossible on such a
 * file system, but it says so through its listener: a crash before the failover ends could then lose
 * the marker, and a rerun would not know the target may mix two points. A failed sync after the
 * marker is removed stays quiet: the worst a crash can do then is bring the marker back, and a rerun
 * reads the target back whole before it removes it again.
 */
final class IncompleteMarker {
    static final String SUFFIX = ".lifeboat-incomplete";

    /** What syncs a folder (the file system's, or a test's failing disk). */
    @FunctionalInterface
    interface FolderSync {
        void sync(Path folder) throws IOException;
    }

    /** The file system's own folder sync. */
    static final FolderSync FILE_SYSTEM = IncompleteMarker::fsync;

    private final Path path;
    /** Where an earlier run may have left a marker as well (beside a device); null when that is {@link #path}. */
    private final Path beside;
    private final FolderSync folders;
    private boolean written;

    private IncompleteMarker(Path path, Path beside, FolderSync folders) {
        this.path = path;
        this.beside = beside;
        this.folders = folders;
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
        return at(target, deviceMarkers, device, FILE_SYSTEM);
    }

    /** {@link #at(Path, Path, boolean)}, its folders synced by {@code folders}. */
    static IncompleteMarker at(Path target, Path deviceMarkers, boolean device, FolderSync folders) {
        Path abs = target.toAbsolutePath().normalize();
        Path beside = abs.resolveSibling(abs.getFileName() + SUFFIX);
        if (!device) {
            return new IncompleteMarker(beside, null, folders);
        }
        String name = java.net.URLEncoder.encode(abs.toString(), StandardCharsets.UTF_8) + SUFFIX;
        return new IncompleteMarker(deviceMarkers.toAbsolutePath().normalize().resolve(name), beside, folders);
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

    /**
     * Writes the marker durably, once; later calls do nothing. A marker that is written but whose
     * folder cannot be synced is said to {@code warnings} (see the class comment), and the failover
     * goes on.
     */
    void write(String machine, String pointId, Consumer<String> warnings) {
        if (written) {
            return;
        }
        String text = "machine " + machine + " point " + pointId + "\n"
                + "started " + Instant.now() + "\n"
                + "A failover is writing " + path.getFileName().toString().replace(SUFFIX, "")
                + ": until this file is gone it may hold parts of two points, or only part of one. Run the same failover"
                + " again to finish it.\n";
        Path folder = path.getParent();
        Path highestMade = null; // a marker folder made now: its own name must be synced into its parent too
        for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) {
            highestMade = p;
        }
        try {
            Files.createDirectories(folder);
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
        try {
            folders.sync(folder); // the marker's name
            for (Path made = highestMade == null ? null : folder; made != null; made = made.equals(highestMade) ? null
                    : made.getParent()) {
                if (made.getParent() != null) {
                    folders.sync(made.getParent()); // the name of a folder made for it
                }
            }
        } catch (IOException e) {
            warnings.accept("the marker " + path + " is written but its folder cannot be synced (" + e.getMessage()
                    + "): if this machine crashes before the failover ends, the marker may be lost, and a rerun would"
                    + " not know the target may mix two points");
        }
        written = true;
    }

    /** Removes the marker: call only once the target matched the point, block for block. */
    void remove() {
        try {
            if (Files.deleteIfExists(path)) {
                syncAfterRemoval(path.getParent());
            }
            if (beside != null && Files.deleteIfExists(beside)) {
                syncAfterRemoval(beside.getParent());
            }
        } catch (IOException e) {
            throw new RestoreException(Kind.FAILED, "the target matches the point, but its marker " + path
                    + " cannot be removed: " + e.getMessage() + "; remove it by hand", e);
        }
    }

    /** Syncs the folder a marker was removed from; a failure is harmless (see the class comment). */
    private void syncAfterRemoval(Path dir) {
        try {
            folders.sync(dir);
        } catch (IOException e) {
            // a crash may bring the marker back: the rerun it asks for reads the target back and removes it
        }
    }

    private static void fsync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
