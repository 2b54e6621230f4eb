package io.lifeboat.agent.protect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the agent keeps a {@link KnownBlocks} record per source: one file per source in a folder
 * of the agent's ({@code A/known-blocks/}), named by a hash of the source's absolute path, and
 * beside it ({@code .last}) the {@link LastPoint} record of the same point: its entries and the
 * stamps of a tree's files.
 *
 * <p>Nothing here can fail a pass: a record that cannot be read is reported and ignored (the pass
 * hashes every block), one that cannot be written is reported and the next pass hashes every
 * block. A record is a base, written whole under a temporary name and renamed (so a crash leaves
 * the old base or the new one; not synced, because a torn one fails its checksum and is ignored),
 * followed by the segments later passes appended ({@link RecordSegments}: only what each pass
 * changed, synced before the pass reports its point). A torn last segment is dropped and the
 * record is then the point before it: a record older than the vault's last point, as after a
 * crash between a commit and its record, which the agent always handled (its blocks are still
 * checked by the commit, a 409 drops the record and reads everything; a delta of that older point
 * is built by the vault from it, or refused and sent whole).
 */
public final class KnownBlocksStore {
    private static final Logger LOG = LoggerFactory.getLogger(KnownBlocksStore.class);
    private static final String SUFFIX = ".known";
    private static final String LAST_POINT_SUFFIX = ".last";
    /** How long a tree may go without a pass that reads every file: see {@link #withRereadAfter}. */
    public static final Duration DEFAULT_REREAD_AFTER = Duration.ofHours(24);
    /** The records kept parsed between passes ({@link WrittenRecords}) take at most this part of the heap (1/8). */
    static final int KEPT_HEAP_SHARE = 8;
    private final Path dir;
    private final BlockFingerprint fingerprint;
    private final Duration rereadAfter;
    /** Each source's records as this store's last {@link #loadBoth} read them, by the source's key. */
    private final Map<String, RecordAppend.Read> onDisk = new ConcurrentHashMap<>();
    /** The records this store last wrote, parsed: the next {@link #loadBoth} takes them while their files are unchanged. */
    private final WrittenRecords written = new WrittenRecords(Runtime.getRuntime().maxMemory() / KEPT_HEAP_SHARE);
    /** Record files opened and parsed (for tests: a running agent's pass reads none it wrote itself). */
    private final AtomicInteger filesRead = new AtomicInteger();

    /** Records in {@code dir} (created when first written); null keeps none. */
    private KnownBlocksStore(Path dir, FingerprintKey key) {
        this(dir, new BlockFingerprint(key), DEFAULT_REREAD_AFTER);
    }

    private KnownBlocksStore(Path dir, BlockFingerprint fingerprint, Duration rereadAfter) {
        this.dir = dir;
        this.fingerprint = fingerprint;
        this.rereadAfter = rereadAfter;
    }

    /**
     * The same records, with files of a tree kept unread (by their {@link FileStamp}) only while the
     * last pass that read every file is younger than {@code age}; {@link Duration#ZERO} reads every
     * file every pass (the point is still sent as a delta).
     */
    public KnownBlocksStore withRereadAfter(Duration age) {
        if (age.isNegative()) {
            throw new IllegalArgumentException("--reread-after must not be negative: " + age);
        }
        return new KnownBlocksStore(dir, fingerprint, age);
    }

    /** Records in {@code dir}, of fingerprints keyed with the agent's {@code key}. */
    public static KnownBlocksStore in(Path dir, FingerprintKey key) {
        return new KnownBlocksStore(dir, key);
    }

    /** A store that keeps nothing: every pass hashes every block. */
    public static KnownBlocksStore none() {
        return new KnownBlocksStore(null, FingerprintKey.random());
    }

    /** The folder the records are kept in; null for a store that keeps none ({@link SourceStampStore} keeps its files beside them). */
    Path folder() {
        return dir;
    }

    /** See {@link #withRereadAfter}: an image or file kept by its stamp ({@link SourceStampStore}) follows the same age. */
    Duration rereadAfter() {
        return rereadAfter;
    }

    /** The fingerprint the records are of: a pass fingerprints its blocks with it. */
    BlockFingerprint fingerprint() {
        return fingerprint;
    }

    KnownBlocks load(Path source, int blockSize, ProtectListener listener) {
        RecordSegments.Loaded<KnownBlocks> read = readKnown(source, blockSize, listener);
        return read == null ? KnownBlocks.NONE : read.record();
    }

    /** The block record of {@code source} with its segments; null when there is none or it cannot be used (reported). */
    private RecordSegments.Loaded<KnownBlocks> readKnown(Path source, int blockSize, ProtectListener listener) {
        if (dir == null) {
            return null;
        }
        Path file = fileOf(source);
        try (InputStream in = Files.newInputStream(file)) {
            filesRead.incrementAndGet();
            return tornTailSaid(KnownBlocksCodec.readAppended(in, Files.size(file), key(source), blockSize), source, file,
                    listener);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            listener.notice("ignoring the record of " + source + "'s last point in " + file + " (" + e.getMessage()
                    + "): hashing every block this pass");
            return null;
        }
    }

    /** Says that a record's torn last segment was dropped (a crash while it was appended); returns the record. */
    private static <T> RecordSegments.Loaded<T> tornTailSaid(RecordSegments.Loaded<T> read, Path source, Path file,
            ProtectListener listener) {
        if (read.torn() != null) {
            listener.notice("the record of " + source + " in " + file + " ends in a torn segment (" + read.torn()
                    + "; a crash while it was written): using the point before it");
        }
        return read;
    }

    /**
     * The two records of {@code source}'s last point, the entries read on another thread while the
     * blocks are read on this one: a 47,000-file tree's two records took a fresh agent 0.3-0.6 s to
     * read one after the other. The entries give a {@link PreviousPoint} only with a block record of
     * the same point; files may be kept unread only for a folder tree whose last full read is younger
     * than the re-read age, as of {@code nowMillis}.
     */
    Loaded loadBoth(Path source, int blockSize, boolean tree, long nowMillis, ProtectListener listener) {
        if (dir == null) {
            return new Loaded(KnownBlocks.NONE, PreviousPoint.NONE);
        }
        long started = System.nanoTime();
        RecordAppend.Read kept = written.unchanged(key(source), fileOf(source), lastPointOf(source), source.toString(),
                blockSize);
        if (kept != null) {
            onDisk.put(key(source), kept);
            LOG.debug("took the records of {} as this agent wrote them (files unchanged since)", source);
            return new Loaded(kept.known().record(), previous(kept.last().record(), kept.known().record(), tree, nowMillis));
        }
        // (CompletableFuture's default executor: a thread per task on 2 cores, cheap once a pass; Protector says why)
        CompletableFuture<RecordSegments.Loaded<LastPoint>> last =
                CompletableFuture.supplyAsync(() -> readLast(source, blockSize, listener));
        RecordSegments.Loaded<KnownBlocks> knownRead = readKnown(source, blockSize, listener);
        RecordSegments.Loaded<LastPoint> lastRead = last.join(); // readLast reports its own failures and never throws
        KnownBlocks known = knownRead == null ? KnownBlocks.NONE : knownRead.record();
        LastPoint read = lastRead == null || known.point().isEmpty() ? null : lastRead.record();
        if (knownRead != null && read != null && read.point().equals(known.point()) && read.blockSize() == known.blockSize()) {
            onDisk.put(key(source), new RecordAppend.Read(knownRead, lastRead));
        } else {
            onDisk.remove(key(source)); // the next save writes both records whole
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("read the records of {} in {} ms: blocks {}, entries {}", source, millis(started), extent(knownRead),
                    extent(lastRead));
        }
        return new Loaded(known, previous(read, known, tree, nowMillis));
    }

    /** A source's two records, as {@link #loadBoth} read them. */
    record Loaded(KnownBlocks known, PreviousPoint previous) {
    }

    private PreviousPoint previous(LastPoint last, KnownBlocks known, boolean tree, long nowMillis) {
        if (last == null) {
            return PreviousPoint.NONE;
        }
        boolean recent = nowMillis - last.fullReadMillis() < rereadAfter.toMillis();
        return new PreviousPoint(last, known, tree && recent);
    }

    /** The {@link LastPoint} record of {@code source}; null when there is none or it cannot be used (reported). */
    private RecordSegments.Loaded<LastPoint> readLast(Path source, int blockSize, ProtectListener listener) {
        if (dir == null) {
            return null;
        }
        Path file = lastPointOf(source);
        try (InputStream in = Files.newInputStream(file)) {
            filesRead.incrementAndGet();
            // the record names the source as the manifest does (as given: `agent protect img`), while
            // its file is found by the absolute path: compare with the name as given
            return tornTailSaid(LastPointCodec.readAppended(in, Files.size(file), source.toString(), blockSize), source,
                    file, listener);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            listener.notice("ignoring the record of " + source + "'s last point in " + file + " (" + e.getMessage()
                    + "): reading every file and sending the whole manifest this pass");
            return null;
        }
    }

    void save(Path source, KnownBlocks record, ProtectListener listener) {
        save(source, record, null, listener);
    }

    /**
     * Keeps the records of a committed point: the blocks, then the entries ({@code last}, may be
     * null). When this store read both records of the point before ({@link #loadBoth}) and what
     * changed is small beside them, each record gets a segment appended and synced (the two at
     * once: {@link RecordAppend}); else each is written whole under a temporary
     * name (the entries' on another thread while the blocks' is written on this one: a
     * 47,000-file tree's two records are 13 MB) and renamed, the blocks' first. Either way the two
     * name the same point once both are done, and a crash between leaves records of two points,
     * which {@link PreviousPoint} ignores.
     */
    void save(Path source, KnownBlocks record, LastPoint last, ProtectListener listener) {
        if (dir == null) {
            return;
        }
        long started = System.nanoTime();
        RecordAppend.Read was = onDisk.remove(key(source));
        written.forget(key(source));
        if (was != null && last != null) {
            try {
                if (RecordAppend.append(fileOf(source), lastPointOf(source), was, record, last)) {
                    keep(source, record, WrittenRecords.appended(was.known().extent(), fileOf(source)), last,
                            WrittenRecords.appended(was.last().extent(), lastPointOf(source)));
                    LOG.debug("appended to the records of {} in {} ms", source, millis(started));
                    return;
                }
            } catch (IOException | RuntimeException e) {
                forget(source);
                listener.notice("cannot record " + source + "'s point in " + fileOf(source) + " (" + e
                        + "): the next pass hashes every block");
                return;
            }
        }
        if (saveWhole(source, record, last, listener)) {
            if (last != null) {
                try {
                    keep(source, record, WrittenRecords.whole(fileOf(source), record.files().size()), last,
                            WrittenRecords.whole(lastPointOf(source), last.size()));
                } catch (IOException e) {
                    // not kept: the next pass reads them
                }
            }
            LOG.debug("wrote the records of {} whole in {} ms", source, millis(started));
        }
    }

    /** Keeps the two records just written, at these extents, for the next {@link #loadBoth} (see {@link WrittenRecords}). */
    private void keep(Path source, KnownBlocks record, RecordSegments.Extent blocks, LastPoint last,
            RecordSegments.Extent entries) {
        written.written(key(source), new RecordAppend.Read(new RecordSegments.Loaded<>(record, blocks, null),
                new RecordSegments.Loaded<>(last, entries, null)), fileOf(source), lastPointOf(source));
    }

    /** How many record files this store has opened and parsed. */
    int filesRead() {
        return filesRead.get();
    }

    private static String millis(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e6);
    }

    /** A record's extent for the debug line: its bytes, segments and a torn tail. */
    private static String extent(RecordSegments.Loaded<?> read) {
        if (read == null) {
            return "none";
        }
        RecordSegments.Extent e = read.extent();
        return e.baseBytes() + " + " + (e.validBytes() - e.baseBytes()) + " bytes in " + e.segments() + " segments"
                + (read.torn() == null ? "" : " (a torn tail dropped)");
    }

    /**
     * Writes both records whole (a new base, no segments): see {@link #save(Path, KnownBlocks,
     * LastPoint, ProtectListener)}. False when they could not be written (said, and both dropped).
     */
    private boolean saveWhole(Path source, KnownBlocks record, LastPoint last, ProtectListener listener) {
        Path file = fileOf(source);
        Path lastFile = lastPointOf(source);
        CompletableFuture<Path> lastWriting = null;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(lastFile); // never left naming a point its block record no longer does
            lastWriting = last == null ? CompletableFuture.completedFuture(null) : CompletableFuture.supplyAsync(() -> {
                try {
                    return temporary(lastFile, out -> LastPointCodec.write(last, out));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Path knownWritten = temporary(file, out -> KnownBlocksCodec.write(record, key(source), out));
            Path lastWritten = lastWriting.join();
            move(knownWritten, file);
            if (lastWritten != null) {
                move(lastWritten, lastFile);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (lastWriting != null) {
                lastWriting.exceptionally(failed -> null).join(); // done writing before the records are dropped
            }
            forget(source);
            listener.notice("cannot record " + source + "'s point in " + file + " (" + e
                    + "): the next pass hashes every block");
            return false;
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code file}'s temporary (its name + ".tmp") and returns it. */
    private static Path temporary(Path file, Writer writer) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            writer.write(out);
        }
        return temp;
    }

    private static void move(Path temp, Path file) throws IOException {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops the record of {@code source}: its next pass hashes every block. */
    void forget(Path source) {
        if (dir == null) {
            return;
        }
        onDisk.remove(key(source));
        written.forget(key(source));
        try {
            Files.deleteIfExists(lastPointOf(source));
            Files.deleteIfExists(fileOf(source));
        } catch (IOException e) {
            // a record that stays is still checked by the vault's commit
        }
    }

    /** Drops every record ({@code agent protect --rehash}). */
    public void forgetAll() throws IOException {
        onDisk.clear();
        written.forgetAll();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(SUFFIX) || p.getFileName().toString().endsWith(LAST_POINT_SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path fileOf(Path source) {
        return dir.resolve(name(source) + SUFFIX);
    }

    /** The source's {@link LastPoint} record, beside its block record. */
    private Path lastPointOf(Path source) {
        return dir.resolve(name(source) + LAST_POINT_SUFFIX);
    }

    /** The name of {@code source}'s records in the folder, before their suffix: a hash of its absolute path. */
    static String name(Path source) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key(source).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    private static String key(Path source) {
        return source.toAbsolutePath().normalize().toString();
    }
}
