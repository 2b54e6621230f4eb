package io.lifeboat.repository.backend;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a repository keeps its files: a flat store of named, immutable files grouped by
 * {@link FileType} (restic's backend seam). The repository above it decides what the files mean;
 * a backend only stores bytes. Every implementation runs {@code BackendContractTest}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Immutable files.</b> A file is written once, by {@link #create}, and later only read or
 *       deleted. There is no append and no overwrite, with one exception: the few small mutable
 *       records of the vault's state ({@link FileType#STATE}) and node announcements
 *       ({@link FileType#NODES}) are changed by {@link #replace}, a compare-and-swap on the version
 *       {@link #readVersioned} returned. Repository files (packs, index, points, manifests) never are.</li>
 *   <li><b>Conditional replace.</b> {@link #replace} stores the new bytes only if the file still has
 *       the version the caller read; of two writers that read the same version, exactly one wins and
 *       the other is told (empty result) and reads again. A replace is atomic like a create: a reader
 *       sees the old bytes or the new, never a mix. A version is opaque (an ETag, a content hash);
 *       compare versions only for equality.</li>
 *   <li><b>Atomic, durable, conditional create.</b> {@link #create} either stores all of the bytes
 *       under the name and returns {@code true} once they are durable (they survive a crash or power
 *       loss of this machine), or, when a file of that name already exists, leaves it untouched and
 *       returns {@code false} (a conditional create: "if-none-match" on object storage,
 *       link-without-replace on a local disk). If it throws, the name either does not exist or holds
 *       exactly the given bytes: a reader never sees a partial file. Temporaries of an interrupted
 *       create are invisible to {@link #list} and removed by {@link #removeTemporaries}.</li>
 *   <li><b>Reads.</b> {@link #read(Handle)} returns the whole file; {@link #read(Handle, long, int)}
 *       a range. A missing file is a {@link NoSuchFileException}; a range past the end of the file is
 *       an {@link EOFException}. Both return fresh arrays the caller may keep.</li>
 *   <li><b>List.</b> {@link #list} returns the names of one type, sorted, including files created by
 *       other processes on the same store; names under a sub-folder come back as
 *       {@code "folder/name"}.</li>
 *   <li><b>Delete</b> is idempotent: deleting a missing file returns {@code false}.</li>
 *   <li><b>Thread safety.</b> Every method may be called from many threads at once.</li>
 *   <li><b>Errors.</b> A backend throws {@link IOException} (never a runtime exception) for a store
 *       that fails: a full disk, a lost connection, a permission problem; its message names the file.</li>
 * </ul>
 * A backend does not check contents, lock, cache or retry; decorators and the repository do.
 */
public interface Backend extends Closeable {

    /** Where the files are, for messages: a folder path or a URL. */
    String location();

    /**
     * Stores {@code data} under {@code handle} unless that name exists.
     *
     * @return true when the file was created and is durable; false when a file of that name already
     *         existed (it is left as it was)
     */
    boolean create(Handle handle, byte[] data) throws IOException;

    /** The whole file. */
    byte[] read(Handle handle) throws IOException;

    /** {@code length} bytes from {@code offset}; an {@link EOFException} if the file is shorter. */
    byte[] read(Handle handle, long offset, int length) throws IOException;

    /** The file's size, or empty when it does not exist. */
    OptionalLong size(Handle handle) throws IOException;

    /** The names of every file of this type, sorted. */
    List<String> list(FileType type) throws IOException;

    /** Deletes a file; false when it did not exist. */
    boolean delete(Handle handle) throws IOException;

    /** A file's bytes and the version they were read at: what {@link #replace} compares. */
    record Versioned(byte[] data, String version) {
    }

    /**
     * The whole file with its version, or empty when it does not exist. Every store backend overrides
     * this (the default refuses, so a decorator that forgets it fails loudly instead of losing updates).
     */
    default Optional<Versioned> readVersioned(Handle handle) throws IOException {
        throw new IOException(location() + " cannot read versions of files (" + handle + ")");
    }

    /**
     * Replaces the file's bytes with {@code data} only if its version is still {@code version}
     * (compare-and-swap: {@code If-Match} on object storage, a lock and a compare on a local disk).
     *
     * @return the new version; empty when the file changed or was deleted since {@code version} was
     *         read (nothing is written: read again and redo the change)
     */
    default Optional<String> replace(Handle handle, byte[] data, String version) throws IOException {
        throw new IOException(location() + " cannot replace files (" + handle + ")");
    }

    /**
     * Removes what interrupted creates left behind (temporary files). Only the repository's single
     * writer calls this, when it opens; the default does nothing (stores with atomic uploads leave none).
     */
    default void removeTemporaries() throws IOException {
    }

    /**
     * The local folder that holds the files, when there is one: the repository keeps its process locks
     * there (operating-system file locks, which the kernel releases when a process dies). Empty for
     * stores without a local folder; they fall back to lock records in {@code locks/}.
     */
    default Optional<Path> localFolder() {
        return Optional.empty();
    }

    /**
     * For a store without a local folder: a fresh, not yet taken lease (expiring by itself when the
     * holder dies, so a dead node never blocks the next). A store that has one is shared by any number
     * of writer nodes, and the lease is what a node holds while it prunes. Empty when the store has
     * none; then a single writer relies on {@code locks/} records alone.
     */
    default Optional<WriterLease> writerLease() {
        return Optional.empty();
    }

    /**
     * When the file was created, or empty when the store cannot tell (or the file does not exist).
     * Prune on a store shared by several nodes uses it to leave young packs alone: a pack another node
     * has just written may not have its ownership record yet.
     */
    default Optional<java.time.Instant> createdAt(Handle handle) throws IOException {
        return Optional.empty();
    }

    /**
     * Bytes the store can still take, or empty when it cannot tell (then no free-space reserve applies).
     */
    default OptionalLong usableSpace() throws IOException {
        return OptionalLong.empty();
    }

    @Override
    default void close() throws IOException {
    }
}
