package io.lifeboat.repository.backend;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders of one {@link LocalBackend}: created with their parents synced, and synced after a name
 * in them is created, linked or removed, so that the name is as durable as the file it names.
 *
 * <p>A folder sync that fails is an error, except on a file system that never syncs folders. Some
 * refuse outright (a folder cannot be opened, or {@code fsync} of one returns {@code EINVAL}); the
 * reason Java gives is the C library's text in the machine's language, so it cannot tell such a
 * refusal from a disk's {@code EIO}. The rule is therefore by history: until one folder sync of this
 * backend has succeeded, a failure is taken for the file system's refusal, logged once as a warning,
 * and folder syncs are tried again only once a minute (a disk's passing failure at the first sync, a
 * full disk at start, must not turn folder syncs off for the vault's life: the first retry that works
 * turns them back on); once one has succeeded, the file system does sync folders, and a failure means
 * a name may not be durable: it is thrown, so the write (a point's commit among them) fails rather
 * than being reported durable. Thread-safe.
 */
final class LocalFolders {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFolders.class);
    /** The vault holds every machine's data: folders 0700, readable by the vault's user only. */
    private static final FileAttribute<?> DIR_MODE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** What syncs one folder (the file system's, or a test's). */
    @FunctionalInterface
    interface Syncer {
        void sync(Path folder) throws IOException;
    }

    /** The file system's own folder sync. */
    static final Syncer FILE_SYSTEM = LocalFolders::fsync;
    /** How long folder syncs rest after a refusal before they are tried again. */
    static final long RETRY_NANOS = 60_000_000_000L;

    private enum State { UNTRIED, SYNCS, REFUSES }

    private final Path root;
    private final Syncer syncer;
    private final LongSupplier nanoTime;
    private volatile State state = State.UNTRIED;
    /** When the last refused sync was tried ({@link #nanoTime}). */
    private volatile long refusedAt;

    /** The folders under {@code root}, synced by {@code syncer} ({@link #FILE_SYSTEM}, or a test's disk). */
    LocalFolders(Path root, Syncer syncer) {
        this(root, syncer, System::nanoTime);
    }

    LocalFolders(Path root, Syncer syncer, LongSupplier nanoTime) {
        this.root = root;
        this.syncer = syncer;
        this.nanoTime = nanoTime;
    }

    /** Makes the names in {@code folder} durable; throws if this file system syncs folders and this one failed. */
    void sync(Path folder) throws IOException {
        if (state == State.REFUSES && nanoTime.getAsLong() - refusedAt < RETRY_NANOS) {
            return;
        }
        try {
            syncer.sync(folder);
            if (state == State.REFUSES) {
                LOG.info("The file system of {} syncs folders again.", root);
            }
            state = State.SYNCS;
        } catch (IOException e) {
            if (state == State.SYNCS) {
                throw new IOException("cannot sync the folder " + folder + ", so its new names may not be durable: "
                        + LocalFiles.reason(e), e);
            }
            refusedAt = nanoTime.getAsLong();
            if (state == State.UNTRIED) {
                LOG.warn("The file system of {} refuses to sync folders ({}): new names there are only as durable as it"
                        + " makes them. Tried again once a minute.", root, LocalFiles.reason(e));
            }
            state = State.REFUSES;
        }
    }

    /** True while failed syncs, and none that worked, showed that this file system does not sync folders. */
    boolean refused() {
        return state == State.REFUSES;
    }

    /** Creates a folder and any missing parents, syncing each parent so the new entries are durable. */
    void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            create(parent);
        }
        try {
            if (LocalFiles.POSIX) {
                Files.createDirectory(dir, DIR_MODE);
            } else {
                Files.createDirectory(dir);
            }
            if (parent != null) {
                sync(parent);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static void fsync(Path folder) throws IOException {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
