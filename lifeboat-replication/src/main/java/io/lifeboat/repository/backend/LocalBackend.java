package io.lifeboat.repository.backend;

import static io.lifeboat.repository.backend.LocalFiles.TEMP_PREFIX;
import static io.lifeboat.repository.backend.LocalFiles.reason;
import static io.lifeboat.repository.backend.LocalFiles.write;
import static io.lifeboat.repository.backend.LocalFiles.writeOver;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default backend: a folder on a local disk. {@code data/} is fanned out by the first two
 * characters of the pack name ({@code data/3f/3fa9...}). A create writes a temporary file
 * ({@code .tmp-*}, invisible to {@link #list}) in the target folder, fsyncs it, hard-links it to its
 * name (which fails, without replacing, if the name exists: the conditional create), removes the
 * temporary and fsyncs the folder. Staged writes (packs, group commit) are {@link LocalStaging}'s.
 * Files are created 0600 and folders 0700: the vault holds every machine's data and only its own
 * user may read it.
 *
 * <p>A {@link #replace} holds an operating-system lock on {@code .replace.lock} in the file's folder (and
 * a lock in this process, since one JVM cannot hold two OS locks on one file), compares the SHA-256 of the
 * current bytes with the version, and renames a synced temporary over the file. A {@link #delete} takes no
 * lock: only the owner of a mutable file deletes it.
 */
public final class LocalBackend implements Backend {

    private static final String REPLACE_LOCK = ".replace.lock";
    /** One lock per lock file in this JVM: the OS lock is per process, threads must queue before taking it. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path root;
    /** Creates and syncs the folders under {@link #root}. */
    private final LocalFolders folders;
    private volatile FileStore fileStore;
    /** Staged writes: temporaries written without a sync, published (synced and linked) as a group. */
    private final LocalStaging staging;
    /** Reads ranges of packs around the page cache, for {@link #readOnce}. */
    private final DirectRangeReader directReads = new DirectRangeReader();

    public LocalBackend(Path root) {
        this(root, true);
    }

    /** @param directPackWrites false: every file is written through the page cache (no O_DIRECT) */
    public LocalBackend(Path root, boolean directPackWrites) {
        this(root, directPackWrites, LocalFolders.FILE_SYSTEM);
    }

    /** @param folderSyncer what syncs a folder: {@link LocalFolders#FILE_SYSTEM}, or a test's failing disk */
    LocalBackend(Path root, boolean directPackWrites, LocalFolders.Syncer folderSyncer) {
        this.root = root.toAbsolutePath().normalize();
        this.folders = new LocalFolders(this.root, folderSyncer);
        this.staging = new LocalStaging(this, directPackWrites);
    }

    /** True while large staged files are written with O_DIRECT (Linux, a file system that accepts it). */
    public boolean writesPacksDirect() {
        return staging.writesPacksDirect();
    }

    /** The folders under the root, for {@link LocalStaging}. */
    LocalFolders folders() {
        return folders;
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    /** The path of a file (exposed for tests that damage files on purpose). */
    public Path path(Handle h) {
        if (h.type() == FileType.CONFIG) {
            return root.resolve("config");
        }
        Path folder = root.resolve(h.type().folder());
        if (h.type() == FileType.DATA) {
            String fan = h.name().length() >= 2 ? h.name().substring(0, 2) : "__";
            return folder.resolve(fan).resolve(h.name());
        }
        return folder.resolve(h.name());
    }

    @Override
    public boolean create(Handle h, byte[] data) throws IOException {
        return create(h, data, 0, data.length);
    }

    @Override
    public boolean create(Handle h, byte[] data, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        Path target = path(h);
        Path dir = target.getParent();
        if (Files.exists(target)) {
            return false;
        }
        folders.create(dir);
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            write(temp, data, offset, length, true);
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                // A filesystem without hard links: rename, after a check (single writer per repository).
                if (Files.exists(target)) {
                    return false;
                }
                Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            folders.sync(dir);
            return true;
        } catch (IOException e) {
            throw new IOException("cannot write " + h + " in " + root + ": " + reason(e), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Staged stage(Handle h, byte[] data, int offset, int length) throws IOException {
        return staging.stage(h, data, offset, length);
    }

    @Override
    public Staged stage(Handle h, java.nio.ByteBuffer data) throws IOException {
        return staging.stage(h, data);
    }

    @Override
    public void publish(List<Staged> files) throws IOException {
        staging.publish(files);
    }

    @Override
    public Staged renamed(Staged taken, Handle to) throws IOException {
        return staging.renamed(taken, to);
    }

    @Override
    public void discard(List<Staged> files) {
        staging.discard(files);
    }

    @Override
    public byte[] read(Handle h) throws IOException {
        try {
            return Files.readAllBytes(path(h));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(h.toString(), null, "no such file in " + root);
        }
    }

    @Override
    public byte[] read(Handle h, long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length);
        }
        try (FileChannel ch = FileChannel.open(path(h), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new EOFException(h + ": range " + offset + "+" + length + " past the end ("
                            + ch.size() + " bytes)");
                }
                pos += n;
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(h.toString(), null, "no such file in " + root);
        }
    }

    /**
     * A range of a pack read with O_DIRECT where the file system allows ({@link DirectRangeReader}:
     * the page cache's fresh pages cost more than the read on a VM); anything else as {@link #read}.
     */
    @Override
    public byte[] readOnce(Handle h, long offset, int length) throws IOException {
        if (h.type() == FileType.DATA && offset >= 0 && length >= 0) {
            try {
                byte[] direct = directReads.read(path(h), offset, length);
                if (direct != null) {
                    return direct;
                }
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(h.toString(), null, "no such file in " + root);
            }
        }
        return read(h, offset, length);
    }

    /**
     * A range of a pack lent straight from the aligned buffer it was read into with O_DIRECT
     * ({@link DirectRangeReader}), without the copy into an array; anything else as {@link #read}.
     */
    @Override
    public void readOnce(Handle h, long offset, int length, RangeUse use) throws IOException {
        if (h.type() == FileType.DATA && offset >= 0 && length >= 0) {
            boolean done;
            try {
                done = directReads.read(path(h), offset, length, use);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(h.toString(), null, "no such file in " + root);
            }
            if (done) {
                return;
            }
        }
        use.accept(java.nio.ByteBuffer.wrap(read(h, offset, length)));
    }

    @Override
    public OptionalLong size(Handle h) throws IOException {
        try {
            return OptionalLong.of(Files.size(path(h)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        List<String> names = new ArrayList<>();
        if (type == FileType.CONFIG) {
            if (Files.isRegularFile(root.resolve("config"))) {
                names.add("config");
            }
            return names;
        }
        Path folder = root.resolve(type.folder());
        if (type == FileType.DATA || type.subfolders() == 1) {
            for (String sub : entries(folder, true)) {
                for (String name : entries(folder.resolve(sub), false)) {
                    names.add(type == FileType.DATA ? name : sub + "/" + name);
                }
            }
        } else {
            names.addAll(entries(folder, false));
        }
        names.sort(null);
        return names;
    }

    /** Visible, well-named sub-folders (dirs=true) or regular files of a folder; empty if it is absent. */
    private static List<String> entries(Path folder, boolean dirs) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                boolean kind = dirs ? Files.isDirectory(p) : Files.isRegularFile(p);
                if (kind && Handle.isSegment(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    @Override
    public boolean delete(Handle h) throws IOException {
        Path p = path(h);
        boolean existed = Files.deleteIfExists(p);
        if (existed) {
            folders.sync(p.getParent());
        }
        return existed;
    }

    @Override
    public Optional<Versioned> readVersioned(Handle h) throws IOException {
        try {
            byte[] data = Files.readAllBytes(path(h));
            return Optional.of(new Versioned(data, ContentVersion.of(data)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> replace(Handle h, byte[] data, String version) throws IOException {
        Path target = path(h);
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            return Optional.empty(); // no folder, so no file to replace
        }
        Path lockFile = dir.resolve(REPLACE_LOCK);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = ch.lock()) {
            Optional<Versioned> current = readVersioned(h);
            if (current.isEmpty() || !current.get().version().equals(version)) {
                return Optional.empty();
            }
            writeOver(target, data, folders);
            return Optional.of(ContentVersion.of(data));
        } catch (IOException e) {
            throw new IOException("cannot replace " + h + " in " + root + ": " + reason(e), e);
        } finally {
            local.unlock();
        }
    }

    @Override
    public Optional<Path> localFolder() {
        return Optional.of(root);
    }

    /** The file's modification time: files are never changed after their create, so it is when it was made. */
    @Override
    public Optional<java.time.Instant> createdAt(Handle h) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(path(h)).toInstant());
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public OptionalLong usableSpace() throws IOException {
        FileStore store = fileStore;
        if (store == null) {
            Path p = root;
            while (p != null && !Files.exists(p)) {
                p = p.getParent(); // a repository not created yet: the disk it will be on
            }
            if (p == null) {
                return OptionalLong.empty();
            }
            store = Files.getFileStore(p); // finding the mount reads the mount table: once
            if (Files.isDirectory(root)) {
                fileStore = store;
            }
        }
        return OptionalLong.of(store.getUsableSpace()); // one statvfs
    }

    @Override
    public void removeTemporaries() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var walk = Files.walk(root, 3)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
