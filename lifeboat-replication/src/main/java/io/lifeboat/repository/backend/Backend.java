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

    /**
     * {@link #create(Handle, byte[])} of {@code data[offset .. offset + length)}: a pack built in
     * place in a larger buffer is stored without first being copied to an array of its own. The
     * backend keeps no reference to {@code data} (the caller reuses it). The default copies; a
     * backend that writes a range straight to its store overrides it.
     */
    default boolean create(Handle handle, byte[] data, int offset, int length) throws IOException {
        return create(handle, java.util.Arrays.copyOfRange(data, offset, offset + length));
    }

    /**
     * A file written by {@link #stage} that is neither durable nor visible until {@link #publish}ed.
     */
    interface Staged {
        Handle handle();
    }

    /** The default {@link Staged}: the bytes, held in memory until {@link #publish} creates the file. */
    record HeldInMemory(Handle handle, byte[] data) implements Staged {
    }

    /**
     * Writes {@code data[offset .. offset + length)} to become the file {@code handle} at the next
     * {@link #publish} (group commit: many files made durable by one round of syncs, instead of a
     * sync per file). Until then it is not listed, not readable and not durable: a crash loses it
     * (a local folder's temporary is removed by {@link #removeTemporaries}). The caller may reuse
     * {@code data} on return. The default holds a copy in memory and creates the file at publish.
     */
    default Staged stage(Handle handle, byte[] data, int offset, int length) throws IOException {
        return new HeldInMemory(handle, java.util.Arrays.copyOfRange(data, offset, offset + length));
    }

    /**
     * {@link #stage(Handle, byte[], int, int)} of the bytes from {@code data}'s position to its limit
     * (a pack received outside the heap, say); {@code data}'s position is left as it was and the
     * caller may reuse it on return. The default copies the bytes to an array; a backend that can
     * write a buffer where it lies overrides it (a local folder writes a pack received in an aligned
     * buffer with {@code O_DIRECT}, without a copy).
     */
    default Staged stage(Handle handle, java.nio.ByteBuffer data) throws IOException {
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy);
        return stage(handle, copy, 0, copy.length);
    }

    /**
     * Makes staged files durable and visible, in the order given; a file is visible only once it is
     * durable, and (on a local folder) every file of one type is durable before the first of the
     * next type in the list becomes visible, so a caller that lists packs before their index and the
     * index before the records naming it never exposes a name whose target a crash could lose. A
     * file whose name already holds exactly its bytes counts as published (so a caller may stage a
     * name without first asking whether it exists); a retry after a failure publishes what is left.
     *
     * @throws NameTaken   when a file's name holds other bytes: that file is left staged and not
     *                     published, the files listed before it are
     * @throws IOException when a file cannot be made durable
     */
    default void publish(List<Staged> files) throws IOException {
        for (Staged s : files) {
            HeldInMemory held = (HeldInMemory) s;
            if (!create(held.handle(), held.data()) && !java.util.Arrays.equals(read(held.handle()), held.data())) {
                throw new NameTaken(held, location());
            }
        }
    }

    /**
     * A staged file that {@link #publish} refused ({@link NameTaken}), to be published under {@code to}
     * instead, without writing its bytes again; {@code taken} is not to be used afterwards. The default
     * renames a {@link HeldInMemory}; a backend with staging of its own overrides it.
     */
    default Staged renamed(Staged taken, Handle to) throws IOException {
        if (taken instanceof HeldInMemory held) {
            return new HeldInMemory(to, held.data());
        }
        throw new IOException(location() + " cannot rename the staged file " + taken.handle() + " (staged by another store?)");
    }

    /** Drops staged files that will never be published (a failed upload); the default has nothing to drop. */
    default void discard(List<Staged> files) {
    }

    /** The whole file. */
    byte[] read(Handle handle) throws IOException;

    /** {@code length} bytes from {@code offset}; an {@link EOFException} if the file is shorter. */
    byte[] read(Handle handle, long offset, int length) throws IOException;

    /**
     * As {@link #read(Handle, long, int)}, for a reader that reads each range once (a failover
     * reading packs): a store with a page cache may read it around the cache. The default reads.
     */
    default byte[] readOnce(Handle handle, long offset, int length) throws IOException {
        return read(handle, offset, length);
    }

    /** What {@link #readOnce(Handle, long, int, RangeUse)} hands a range to. */
    @FunctionalInterface
    interface RangeUse {
        /**
         * Uses {@code range} (its position 0 at the range's first byte, its limit at its last) before
         * returning: the buffer may be reused once this returns, so nothing may keep it, and nothing
         * may write to it.
         */
        void accept(java.nio.ByteBuffer range) throws IOException;
    }

    /**
     * As {@link #readOnce(Handle, long, int)}, but the range is lent to {@code use} instead of
     * returned: a store that reads into a buffer of its own (outside the heap, around the page
     * cache) hands that buffer over without copying it into an array, and reuses it afterwards.
     * The default reads an array and wraps it, so every store works unchanged (issue 14, session 12).
     * Errors are those of {@link #readOnce(Handle, long, int)}; whatever {@code use} throws is thrown.
     */
    default void readOnce(Handle handle, long offset, int length, RangeUse use) throws IOException {
        use.accept(java.nio.ByteBuffer.wrap(readOnce(handle, offset, length)));
    }

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
