package io.lifeboat.agent.protect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Where the agent keeps the {@link SourceStamp} of each image or file source: one small file per
 * source ({@code .stamp}) beside the source's two records in {@code A/known-blocks/}, under the same
 * name (a hash of the source's absolute path).
 *
 * <p>It is written only after the point it names is committed and the two records are saved, and
 * atomically: a temporary file, fsync, rename, fsync of the folder. A pass that is going to read
 * the source deletes it first, so while a new point is being committed no stamp file names the old
 * point as if nothing had changed. Anything missing, unreadable, damaged, of another source or of
 * another point than the records' means "read the source": like the records, nothing here can fail
 * a pass.
 */
public final class SourceStampStore {
    private static final String SUFFIX = ".stamp";
    private final Path dir;
    private final Duration rereadAfter;

    private SourceStampStore(Path dir, Duration rereadAfter) {
        this.dir = dir;
        this.rereadAfter = rereadAfter;
    }

    /** The stamps kept beside {@code records}, with the same re-read age ({@code agent protect --reread-after}). */
    public static SourceStampStore beside(KnownBlocksStore records) {
        return new SourceStampStore(records.folder(), records.rereadAfter());
    }

    /** How old the last full read of a source may be for a pass to keep it unread. */
    Duration rereadAfter() {
        return rereadAfter;
    }

    /** The stamp recorded for {@code source}; null when there is none or it cannot be used (a damaged one is reported). */
    SourceStamp load(Path source, ProtectListener listener) {
        if (dir == null) {
            return null;
        }
        Path file = fileOf(source);
        try {
            return SourceStampCodec.read(Files.readAllBytes(file), key(source));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            listener.notice("ignoring the stamp of " + source + " in " + file + " (" + e.getMessage()
                    + "): reading it this pass");
            return null;
        }
    }

    /**
     * Records {@code stamp}, taken before the pass that committed {@code point} began to read, as
     * that point's. Call only once the point is committed and the two records are saved. A stamp
     * that cannot be written is reported, and the old one is deleted: the next pass reads.
     * {@code manifestSha256} is the digest of the manifest committed as {@code point}, or null.
     */
    void save(Path source, String point, FileStamp stamp, long passStartNanos, long fullReadMillis,
            String manifestSha256, ProtectListener listener) {
        if (dir == null) {
            return;
        }
        Path file = fileOf(source);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] bytes = SourceStampCodec.write(new SourceStamp(key(source), point, stamp, passStartNanos, fullReadMillis,
                    manifestSha256));
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncFolder();
        } catch (IOException | RuntimeException e) {
            forget(source);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stale temporary is overwritten by the next save and never read
            }
            listener.notice("cannot record the stamp of " + source + " in " + file + " (" + e
                    + "): it is read next pass");
        }
    }

    /** The rename made durable where the platform can sync a folder (Linux can; elsewhere it is skipped). */
    private void syncFolder() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform opens a folder; the rename itself is atomic, a lost one means one more read
        }
    }

    /** Drops the stamp of {@code source}: its next pass reads it. */
    void forget(Path source) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(fileOf(source));
        } catch (IOException e) {
            // a stamp that stays names the last point, whose records the next pass checks it against
        }
    }

    /** Drops every stamp ({@code agent protect --rehash}): every image and file is read next pass. */
    public void forgetAll() throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The stamp file of {@code source}: beside its records, under their name. */
    Path fileOf(Path source) {
        return dir.resolve(KnownBlocksStore.name(source) + SUFFIX);
    }

    /** The source as the records key it: its absolute path. */
    private static String key(Path source) {
        return source.toAbsolutePath().normalize().toString();
    }
}
