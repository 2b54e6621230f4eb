package io.lifeboat.repository.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The staged writes of a {@link LocalBackend} ({@link Backend#stage}, {@link Backend#publish},
 * {@link Backend#discard}): a staged file is a temporary beside its name, written without a sync
 * (large ones around the page cache, {@link DirectPackWriter}); a publish syncs every temporary of
 * the group, links each to its name type by type and removes the temporaries. A crash before the
 * link leaves only temporaries, which the next writable open removes.
 */
final class LocalStaging {
    private final LocalBackend backend;
    /** Writes large staged files (packs) around the page cache where the file system allows it. */
    private final DirectPackWriter direct;

    LocalStaging(LocalBackend backend, boolean directPackWrites) {
        this.backend = backend;
        this.direct = new DirectPackWriter(directPackWrites);
    }

    /** True while large staged files are written with O_DIRECT (Linux, a file system that accepts it). */
    boolean writesPacksDirect() {
        return direct.enabled();
    }

    /** A staged file: written to a temporary beside its name, not yet synced or linked. */
    private record TempFile(Handle handle, Path temp, Path target) implements Backend.Staged {
    }

    /** Writes the temporary without a sync; {@link #publish} syncs and links it. */
    Backend.Staged stage(Handle h, byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        return stage(h, ByteBuffer.wrap(data, offset, length));
    }

    /**
     * {@link #stage(Handle, byte[], int, int)} of the bytes between {@code data}'s position and limit
     * (left as they were). A large file goes around the page cache ({@link DirectPackWriter}): a
     * buffer outside the heap at an aligned address (a received pack) is written where it lies.
     */
    Backend.Staged stage(Handle h, ByteBuffer data) throws IOException {
        Path target = backend.path(h);
        Path dir = target.getParent();
        backend.folders().create(dir);
        Path temp = dir.resolve(LocalFiles.TEMP_PREFIX + UUID.randomUUID());
        try {
            // synced at publish, with the rest of its group
            if (!direct.write(temp, data, LocalFiles.POSIX ? LocalFiles.FILE_MODE : null)) {
                if (data.hasArray()) { // in slices: one write of a large heap buffer gets a direct copy as large
                    LocalFiles.write(temp, data.array(), data.arrayOffset() + data.position(), data.remaining(), false);
                } else {
                    LocalFiles.write(temp, data, false);
                }
            }
            return new TempFile(h, temp, target);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot write " + h + " in " + backend.location() + ": " + LocalFiles.reason(e), e);
        }
    }

    /**
     * Syncs every temporary, then links them to their names type by type (in list order), syncing
     * the folders of one type before the first name of the next appears, then removes the temporaries.
     */
    void publish(List<Backend.Staged> files) throws IOException {
        ForceTogether.all(files, s -> { // all synced together, before any is linked
            TempFile f = (TempFile) s;
            if (Files.exists(f.temp())) {
                try (FileChannel ch = FileChannel.open(f.temp(), StandardOpenOption.WRITE)) {
                    ch.force(true);
                } catch (IOException e) {
                    throw new IOException("cannot write " + f.handle() + " in " + backend.location() + ": "
                            + LocalFiles.reason(e), e);
                }
            }
        });
        Set<Path> folders = new LinkedHashSet<>();
        FileType type = null;
        for (Backend.Staged s : files) {
            TempFile f = (TempFile) s;
            if (type != null && f.handle().type() != type) {
                syncFolders(folders);
            }
            type = f.handle().type();
            link(f);
            folders.add(f.target().getParent());
        }
        syncFolders(folders);
        for (Backend.Staged s : files) {
            Files.deleteIfExists(((TempFile) s).temp());
        }
    }

    /** Syncs the folders one type's names were linked in, together, before the next type's names appear. */
    private void syncFolders(Set<Path> folders) throws IOException {
        ForceTogether.all(List.copyOf(folders), backend.folders()::sync);
        folders.clear();
    }

    /** A temporary refused at {@link #publish} ({@link NameTaken}), to be linked under {@code to} instead. */
    Backend.Staged renamed(Backend.Staged taken, Handle to) throws IOException {
        if (!(taken instanceof TempFile f) || !Files.exists(f.temp())) {
            throw new IOException("cannot rename the staged file " + taken.handle() + " in " + backend.location()
                    + ": it is not a temporary of this store (or was published or discarded)");
        }
        Path target = backend.path(to);
        backend.folders().create(target.getParent());
        return new TempFile(to, f.temp(), target);
    }

    void discard(List<Backend.Staged> files) {
        for (Backend.Staged s : files) {
            try {
                Files.deleteIfExists(((TempFile) s).temp());
            } catch (IOException e) {
                // removed by removeTemporaries at the next open
            }
        }
    }

    /** Links a synced temporary to its name; a name that already is this file (a retried publish) is fine. */
    private void link(TempFile f) throws IOException {
        if (!Files.exists(f.temp()) && Files.exists(f.target())) {
            return; // published by an earlier call, which removed its temporary
        }
        try {
            Files.createLink(f.target(), f.temp());
        } catch (FileAlreadyExistsException e) {
            // a name that already holds exactly these bytes counts as published (Backend#publish): two
            // commits may stage the same manifest chunk (its name is its time and its hash) in one second
            if (!Files.isSameFile(f.target(), f.temp()) && Files.mismatch(f.target(), f.temp()) != -1) {
                throw new NameTaken(f, backend.location()); // its temporary stays, to be linked under another name
            }
        } catch (UnsupportedOperationException e) {
            if (Files.exists(f.target())) {
                if (Files.mismatch(f.target(), f.temp()) != -1) {
                    throw new NameTaken(f, backend.location());
                }
                return; // the same bytes: published
            }
            Files.move(f.temp(), f.target(), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
