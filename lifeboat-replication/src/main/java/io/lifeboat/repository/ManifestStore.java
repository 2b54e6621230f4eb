package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The files of manifests: chunks under {@code manifests/<machine>/<time>-<sha256>} and point files
 * under {@code points/<machine>/<id>}. A chunk's name carries the SHA-256 of its stored bytes, checked
 * on every read (so a damaged chunk is named as such before it is decompressed), and the time it was
 * stored, by which prune tells a chunk of a commit still under way (younger than the grace period)
 * from the leftover of one that never came. Reads a point's manifest either streamed ({@link #visit})
 * or, for a one-entry point, as a {@link ChunkedBlockList} ({@link #lazy}).
 *
 * <p>A read-only open keeps the point files it loaded ({@link #hold}): a serving vault may delete a
 * point file at any time (retention), but it deletes no chunk or pack while a reader is open
 * ({@link ReaderGate}), so a reader that kept the small point file still reads the whole point. A
 * writer holds none (its own retention runs under its exclusive lock).
 */
final class ManifestStore {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** {@code <time>-<sha256>}, and a salt after it when that name was taken by other bytes. */
    private static final Pattern NAME = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{64}(-[0-9a-f]{8})?");
    private static final HexFormat HEX = HexFormat.of();

    private final Backend backend;
    private final RepositoryOptions options;
    /** Point files a read-only open loaded, by {@code machine/id}: its view of the points. */
    private final java.util.Map<String, PointFile> held = new java.util.concurrent.ConcurrentHashMap<>();
    /** During a sweep: the filter parts it read, so a point's filter asked twice is read once (else null). */
    private volatile FilterPartMemo memo;

    ManifestStore(Backend backend, RepositoryOptions options) {
        this.backend = backend;
        this.options = options;
    }

    static boolean isChunkName(String name) {
        return NAME.matcher(name).matches();
    }

    /** When a chunk was stored (its name says, to the second). */
    static Instant storedAt(String name) {
        try {
            return Instant.from(TIME.parse(name.substring(0, 16)));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Instant.EPOCH; // not a chunk name: old enough to collect
        }
    }

    /** Stores one chunk (already decoded and checked by the caller) durably; returns its name. */
    String put(String machine, byte[] stored) throws IOException {
        String name = TIME.format(options.clock().instant()) + "-" + HEX.formatHex(BlockId.sha256().digest(stored));
        while (!backend.create(handle(machine, name), stored) && !holds(machine, name, stored)) {
            // the name is taken by other bytes (a create torn by a crash on a store without atomic
            // creates): never replace a file; salt the name instead
            name = salted(name);
        }
        return name;
    }

    /**
     * A chunk (or block filter part) written behind for the group commit: its name, and the staged file
     * to hand to {@link PackSync#add}.
     */
    record StagedChunk(String name, Backend.Staged staged) {
    }

    /**
     * {@link #put}, written behind: staged ({@link Backend#stage}, no sync) and made durable by the group
     * commit the caller runs before a point file names it ({@link PointCommitter}), with the pass's packs.
     * Until then a temporary (a crash leaves nothing under its name), once published a chunk no point
     * names, which the sweep collects after the grace period. The name is not read first (a GET that
     * nearly always finds nothing, session 24): a file under it holds these bytes unless damaged, which
     * the publish counts as published; one holding other bytes it sets aside, for {@link #renamed}.
     */
    StagedChunk stage(String machine, byte[] stored) throws IOException {
        String name = TIME.format(options.clock().instant()) + "-" + HEX.formatHex(BlockId.sha256().digest(stored));
        return new StagedChunk(name, backend.stage(handle(machine, name), stored, 0, stored.length));
    }

    /** A staged chunk the publish refused (its name holds other bytes: damaged), under a salted name instead. */
    StagedChunk renamed(String machine, Backend.Staged taken) throws IOException {
        String path = taken.handle().name();
        String name = salted(path.substring(path.lastIndexOf('/') + 1));
        return new StagedChunk(name, backend.renamed(taken, handle(machine, name)));
    }

    /** {@code <time>-<sha256>} with a new random salt (replacing any it had). */
    private static String salted(String name) {
        return name.substring(0, 81) + "-" + String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    private boolean holds(String machine, String name, byte[] stored) throws IOException {
        try {
            return java.util.Arrays.equals(backend.read(handle(machine, name)), stored);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * A chunk's stored bytes, checked against the hash in its name.
     *
     * @throws NotFoundException  when the machine has no such chunk
     * @throws IntegrityException when the bytes do not match the name
     */
    byte[] read(String machine, String name) throws IOException {
        if (!isChunkName(name)) {
            throw new NotFoundException("\"" + name + "\" is not a manifest chunk name (<time>-<sha256>)");
        }
        byte[] stored;
        try {
            stored = backend.read(handle(machine, name));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("machine " + machine + " has no manifest chunk " + name);
        }
        String actual = HEX.formatHex(BlockId.sha256().digest(stored));
        if (!name.substring(17, 81).equals(actual)) {
            throw ManifestChunkReader.bad(where(machine, name), "SHA-256 of its " + stored.length + " bytes is "
                    + actual + " (damaged)");
        }
        return stored;
    }

    /**
     * Hands a point's manifest to {@code v}, chunk by chunk, then checks the counts its point file
     * recorded: a chunk list cut short or altered is an {@link IntegrityException}.
     */
    void visit(String machine, PointFile p, ManifestVisitor v) throws IOException {
        Counting counting = new Counting(v);
        for (int i = 0; i < p.chunks().size(); i++) {
            readChunk(machine, p, i, counting);
        }
        ManifestSummary found = counting.summary(p.chunks().size());
        if (!found.equals(p.summary())) {
            throw ManifestChunkReader.bad("manifest of point " + p.info().id() + " of machine " + machine,
                    "its chunks hold " + found + ", its point file says " + p.summary());
        }
    }

    /** Every non-zero block the point names, in order (a block named twice comes twice), chunk by chunk. */
    void forEachBlock(PointInfo point, java.util.function.Consumer<BlockId> action) throws IOException {
        forEachBlock(pointFile(point.machine(), point.id()), action);
    }

    /** {@link #forEachBlock(PointInfo, java.util.function.Consumer)} of a point file read before. */
    void forEachBlock(PointFile point, java.util.function.Consumer<BlockId> action) throws IOException {
        visit(point.info().machine(), point, new ManifestVisitor() {
            @Override
            public void entry(Entry header) {
            }

            @Override
            public void block(BlockId id, int length) {
                action.accept(id);
            }

            @Override
            public void zeros(long count, int length) {
            }
        });
    }

    /**
     * The point's {@link BlockFilter}, all its parts at once (4 bytes a block), when its point file names
     * parts that all read whole (the SHA-256 in each name) and together count as many blocks as the point
     * file does; else empty (logged when it named some), and the caller reads the manifest instead.
     *
     * @throws IOException as {@link #pointFile} for the point file itself (and its NotFoundException and
     *     IntegrityException): a filter's own failures are not thrown
     */
    java.util.Optional<BlockFilter> blockFilter(PointInfo point) throws IOException {
        List<BlockFilter> parts = new ArrayList<>();
        return filterParts(pointFile(point.machine(), point.id()), Long.MAX_VALUE, parts::add) ? java.util.Optional.of(BlockFilter.joined(parts))
                : java.util.Optional.empty();
    }

    /**
     * Hands the point's filter parts to {@code each} one at a time, in order, each checked as in
     * {@link #blockFilter}; returns true when every part was handed and their counts add up to the point
     * file's, false (logged when it named some) when the point has no usable filter, or when its filter
     * is larger than {@code maxBytes} (none handed then). On false, the caller must not trust what the
     * parts handed told it, and reads the manifest instead; striking by a part handed before a bad one
     * only keeps blocks a whole part of the point holds.
     */
    boolean filterParts(PointFile p, long maxBytes, java.util.function.Consumer<BlockFilter> each) throws IOException {
        PointInfo point = p.info();
        String machine = point.machine();
        if (p.blockFilters().isEmpty() || p.summary().blocks() * (BlockFilter.BITS_PER_BLOCK / 8) > maxBytes) {
            return false;
        }
        long counted = 0;
        String where = "manifests/" + machine + "/" + p.blockFilters().get(0);
        try {
            for (String name : p.blockFilters()) {
                where = "manifests/" + machine + "/" + name;
                BlockFilter part = filterPart(machine, name, where);
                counted += part.count();
                each.accept(part);
            }
            if (counted != p.summary().blocks()) {
                throw new IntegrityException(null, where, "the block filter of point " + point.id() + " counts " + counted
                        + " blocks in " + p.blockFilters().size() + " parts, the point names " + p.summary().blocks());
            }
            return true;
        } catch (IOException | LifeboatException e) {
            org.slf4j.LoggerFactory.getLogger(ManifestStore.class).warn(
                    "the block filter of point {} of machine {} is not usable ({}); its manifest is read instead",
                    point.id(), machine, e.getMessage());
            return false;
        }
    }

    /** One part of a filter: held by the sweep's memo, else read, checked and decoded (and offered to the memo). */
    private BlockFilter filterPart(String machine, String name, String where) throws IOException {
        FilterPartMemo m = memo;
        BlockFilter part = m == null ? null : m.get(machine + "/" + name);
        if (part == null) {
            byte[] stored = read(machine, name);
            part = BlockFilter.decode(stored, where);
            if (m != null) {
                m.keep(machine + "/" + name, part, stored.length);
            }
        }
        return part;
    }

    /** Filter parts read from now on are held by {@code m} and asked of it first; null: none held (the end of a sweep). */
    void remember(FilterPartMemo m) {
        memo = m;
    }

    /**
     * Removes from {@code candidates} each block the point may name, handing each one removed to
     * {@code struck}: by the point's filter parts when it has a usable filter (a filter never misses a
     * block it was built from; its false hits only keep a block while the point is kept), else, or if a
     * part proves bad after others struck, by reading its manifest. What {@link Sweep} asks of each kept
     * point before an unneeded block may die, for a machine's own blocks and for blocks no machine owns.
     */
    void strikeNamed(PointFile point, java.util.Set<BlockId> candidates, java.util.function.Consumer<BlockId> struck)
            throws IOException {
        boolean filtered = filterParts(point, Long.MAX_VALUE, part -> candidates.removeIf(id -> {
            boolean hit = part.mayHold(id);
            if (hit) {
                struck.accept(id);
            }
            return hit;
        }));
        if (!filtered) {
            forEachBlock(point, id -> {
                if (candidates.remove(id)) {
                    struck.accept(id);
                }
            });
        }
    }

    /** A one-entry manifest whose blocks stay in the chunks: a first pass counts each chunk's references. */
    Manifest lazy(String machine, PointFile p) {
        long[] starts = new long[p.chunks().size() + 1];
        Entry[] header = new Entry[1];
        long[] count = {0};
        ManifestVisitor counter = new ManifestVisitor() {
            @Override
            public void entry(Entry e) {
                header[0] = e;
            }

            @Override
            public void block(BlockId id, int length) {
                count[0]++;
            }

            @Override
            public void zeros(long n, int length) {
                count[0] += n;
            }
        };
        for (int i = 0; i < p.chunks().size(); i++) {
            readChunk(machine, p, i, counter);
            starts[i + 1] = count[0];
        }
        if (header[0] == null || count[0] != p.summary().blocks() + p.summary().zeroBlocks()) {
            throw ManifestChunkReader.bad("manifest of point " + p.info().id() + " of machine " + machine,
                    "its chunks hold " + count[0] + " block references, its point file says "
                    + (p.summary().blocks() + p.summary().zeroBlocks()));
        }
        Entry e = header[0];
        List<BlockRef> blocks = new ChunkedBlockList((i, v) -> readChunk(machine, p, i, v), starts);
        ManifestHeader h = p.header();
        return new Manifest(Manifest.FORMAT_VERSION, h.source(), h.kind(), h.blockSize(),
                List.of(new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(), blocks)));
    }

    private void readChunk(String machine, PointFile p, int i, ManifestVisitor v) {
        String name = p.chunks().get(i);
        try {
            byte[] stored;
            try {
                stored = read(machine, name);
            } catch (NotFoundException e) {
                throw ManifestChunkReader.bad(where(machine, name), "missing (point " + p.info().id() + " needs it)");
            }
            ManifestChunkReader.read(where(machine, name), stored, v);
        } catch (IOException e) {
            throw Repository.storage("read " + where(machine, name), e);
        }
    }

    /** Keeps a point file a read-only open loaded (see the class notes). */
    void hold(PointFile p) {
        held.put(p.info().machine() + "/" + p.info().id(), p);
    }

    /** Forgets the held point files (a read-only open loading again). */
    void releaseHeld() {
        held.clear();
    }

    /** The point file of one point: the one held, else read now. */
    PointFile pointFile(String machine, String id) throws IOException {
        String name = machine + "/" + id;
        PointFile kept = held.get(name);
        if (kept != null) {
            return kept;
        }
        byte[] json;
        try {
            json = backend.read(new Handle(FileType.POINTS, name));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("machine " + machine + " has no point " + id + " (removed by retention?)");
        }
        try {
            return RepositoryFiles.point(json, name);
        } catch (LifeboatException e) {
            throw new IntegrityException(null, "points/" + name, "points/" + name + " is unreadable: " + e.getMessage());
        }
    }

    static Handle handle(String machine, String name) {
        return new Handle(FileType.MANIFESTS, machine + "/" + name);
    }

    static String where(String machine, String name) {
        return "manifest chunk manifests/" + machine + "/" + name;
    }

    /** Counts what passes through, to compare with a point file's summary. */
    static final class Counting implements ManifestVisitor {
        private final ManifestVisitor next;
        private long entries;
        private long blocks;
        private long zeroBlocks;
        private long sourceBytes;

        Counting(ManifestVisitor next) {
            this.next = next;
        }

        @Override
        public void entry(Entry e) {
            entries++;
            if (e.type() == EntryType.FILE) {
                sourceBytes += e.size();
            }
            next.entry(e);
        }

        @Override
        public void block(BlockId id, int length) {
            blocks++;
            next.block(id, length);
        }

        @Override
        public void zeros(long count, int length) {
            zeroBlocks += count;
            next.zeros(count, length);
        }

        ManifestSummary summary(int chunks) {
            return new ManifestSummary(entries, blocks, zeroBlocks, sourceBytes, chunks);
        }
    }
}
