package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.StoredPoint;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's one storage object: blocks in packs, per-machine ownership, recovery points, retention
 * and verify, over a {@link Backend}. Thread-safe. See {@code docs/repository-format.md} for the files
 * and the package notes for the guarantees.
 *
 * <p>Every operation except retention runs under the shared side of a read/write lock and touches
 * concurrent maps; retention and pruning take the exclusive side, so a pack is never deleted while a
 * block in it is being read, deduplicated against or committed.
 */
public final class Repository implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Repository.class);
    private static final DateTimeFormatter POINT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final Comparator<PointInfo> ORDER = Comparator.comparing(PointInfo::machine)
            .thenComparing(PointInfo::created).thenComparing(PointInfo::id);

    final Backend backend;
    final RepositoryOptions options;
    private final RepositoryLock lock;
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    /** Where every stored block lies (any machine's). */
    final Map<BlockId, Pack.Location> index = new ConcurrentHashMap<>();
    /** The blocks of each pack, by pack name. */
    final Map<String, Set<BlockId>> packBlocks = new ConcurrentHashMap<>();
    /** Per machine: the blocks it uploaded, with the time it did (epoch millis). */
    final Map<String, Map<BlockId, Long>> owned = new ConcurrentHashMap<>();
    /** Per machine: its ownership files ("machine/name"). */
    final Map<String, Set<String>> ownershipFiles = new ConcurrentHashMap<>();
    /** Per machine: its points by id. */
    final Map<String, Map<String, StoredPoint>> points = new ConcurrentHashMap<>();
    /**
     * Blocks found damaged by a read or a verify of this process: they count as missing for every
     * machine, so the next upload stores a fresh copy (which then replaces the damaged one).
     */
    final Set<BlockId> damaged = ConcurrentHashMap.newKeySet();
    /** Packs holding a damaged copy of a block that has since been stored again: to be repacked. */
    final Set<String> superseded = ConcurrentHashMap.newKeySet();
    /** Per machine: blocks {@link #missing} reported present, with when (kept from pruning for a while). */
    private final Map<String, Map<BlockId, Long>> confirmed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Repository(Backend backend, RepositoryOptions options, RepositoryLock lock) {
        this.backend = backend;
        this.options = options;
        this.lock = lock;
    }

    /**
     * Opens (and, unless read-only, creates) the repository on {@code backend}. A writable open takes
     * the single-writer lock, removes temporaries of interrupted writes and rebuilds the index of any
     * pack whose index is missing; a read-only open changes nothing.
     */
    public static Repository open(Backend backend, RepositoryOptions options) {
        try {
            RepositoryLock lock = null;
            if (!options.readOnly()) {
                ensureConfig(backend, options);
                lock = RepositoryLock.acquire(backend, options.clock().instant());
                backend.removeTemporaries();
            } else if (backend.size(Handle.CONFIG).isPresent()) {
                checkConfig(backend);
            }
            Repository r = new Repository(backend, options, lock);
            try {
                new RepositoryLoader(r).load();
            } catch (RuntimeException | IOException e) {
                r.close();
                throw e;
            }
            return r;
        } catch (IOException e) {
            throw storage("open the repository at " + backend.location(), e);
        }
    }

    /** Opens the repository in a local folder (the vault's {@code VAULT/repo/}); see {@link #open}. */
    public static Repository openLocal(java.nio.file.Path folder, RepositoryOptions options) {
        io.lifeboat.repository.backend.Backend b = new io.lifeboat.repository.backend.LocalBackend(folder);
        return open(options.readOnly() ? new io.lifeboat.repository.backend.ReadOnlyBackend(b) : b, options);
    }

    private static void ensureConfig(Backend backend, RepositoryOptions options) throws IOException {
        if (backend.size(Handle.CONFIG).isEmpty()) {
            String id = BlockId.of(java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
            backend.create(Handle.CONFIG, RepositoryFiles.config(id, options.clock().instant()));
        }
        checkConfig(backend);
    }

    private static void checkConfig(Backend backend) throws IOException {
        int version;
        try {
            version = RepositoryFiles.configVersion(backend.read(Handle.CONFIG));
        } catch (LifeboatException e) {
            throw new RepositoryException(Kind.USAGE, "the repository config at " + backend.location()
                    + "/config is unreadable: " + e.getMessage());
        }
        if (version != RepositoryFiles.VERSION) {
            throw new RepositoryException(Kind.USAGE, "the repository at " + backend.location() + " has format version "
                    + version + "; this Lifeboat reads version " + RepositoryFiles.VERSION);
        }
    }

    public RepositoryOptions options() {
        return options;
    }

    public String location() {
        return backend.location();
    }

    // ---- blocks

    /**
     * The ids among {@code ids} for which {@code machine} has no durable copy, in the order given. It
     * answers only about this machine's own uploads: a block stored for another machine counts as missing.
     */
    public Set<BlockId> missing(String machine, Collection<BlockId> ids) {
        checkMachine(machine);
        Set<BlockId> out = new LinkedHashSet<>();
        long now = options.clock().millis();
        rw.readLock().lock();
        try {
            Map<BlockId, Long> mine = owned.getOrDefault(machine, Map.of());
            Map<BlockId, Long> seen = confirmed.computeIfAbsent(machine, m -> new ConcurrentHashMap<>());
            for (BlockId id : ids) {
                if (mine.containsKey(id) && index.containsKey(id) && !damaged.contains(id)) {
                    seen.put(id, now);
                } else {
                    out.add(id);
                }
            }
            return out;
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Stores one block for {@code machine}; see {@link #putBlocks}. */
    public void putBlock(String machine, BlockId id, byte[] body, BlockEncoding encoding) {
        putBlocks(machine, List.of(new BlockUpload(id, body, encoding)));
    }

    /**
     * Verifies and stores a batch of blocks for {@code machine}, durable on return. Each body is decoded
     * (a zstd body never beyond {@link RepositoryOptions#maxBlockBytes()}) and its SHA-256 must equal its
     * id, else an {@link IntegrityException} naming the block and nothing of the batch is stored.
     * Idempotent: blocks the machine already has are skipped; blocks stored for another machine are not
     * written again, only recorded as this machine's.
     */
    public void putBlocks(String machine, List<BlockUpload> uploads) {
        checkWritable();
        checkMachine(machine);
        List<Pack.Item> items = new ArrayList<>(uploads.size());
        byte[][] raw = BlockCodec.decodeAll(uploads, options.maxBlockBytes());
        for (int i = 0; i < raw.length; i++) {
            BlockUpload u = uploads.get(i);
            items.add(new Pack.Item(u.id(), u.body(), u.encoding(), raw[i].length));
        }
        rw.readLock().lock();
        try {
            Map<BlockId, Long> mine = owned.getOrDefault(machine, Map.of());
            Map<BlockId, Pack.Item> toStore = new LinkedHashMap<>();
            Set<BlockId> toOwn = new LinkedHashSet<>();
            for (Pack.Item it : items) {
                boolean heal = damaged.contains(it.id());
                if (mine.containsKey(it.id()) && index.containsKey(it.id()) && !heal) {
                    continue;
                }
                toOwn.add(it.id());
                if (!index.containsKey(it.id()) || heal) {
                    toStore.putIfAbsent(it.id(), it);
                }
            }
            // each pack is followed by its ownership record, so a batch cut short (full disk, crash)
            // keeps what it stored: those blocks are not asked for again
            for (List<Pack.Item> chunk : chunks(new ArrayList<>(toStore.values()))) {
                boolean heals = false;
                for (Pack.Item it : chunk) {
                    Pack.Location old = index.get(it.id());
                    if (damaged.contains(it.id()) && old != null) {
                        superseded.add(old.pack()); // repacked without the damaged copy by the next retention
                        heals = true;
                    }
                }
                writePack(chunk, heals);
                chunk.forEach(it -> damaged.remove(it.id()));
                Set<BlockId> ids = new LinkedHashSet<>();
                chunk.forEach(it -> ids.add(it.id()));
                recordOwnership(machine, ids);
                toOwn.removeAll(ids);
            }
            if (!toOwn.isEmpty()) {
                recordOwnership(machine, toOwn);
            }
        } catch (IOException e) {
            throw storage("store " + uploads.size() + " block(s) of machine " + machine, e);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Cuts items into groups of about the pack target size, in order. */
    List<List<Pack.Item>> chunks(List<Pack.Item> items) {
        List<List<Pack.Item>> out = new ArrayList<>();
        List<Pack.Item> chunk = new ArrayList<>();
        long size = 0;
        for (Pack.Item it : items) {
            if (!chunk.isEmpty() && size + it.body().length > options.packTargetBytes()) {
                out.add(chunk);
                chunk = new ArrayList<>();
                size = 0;
            }
            chunk.add(it);
            size += it.body().length + Pack.HEADER;
        }
        if (!chunk.isEmpty()) {
            out.add(chunk);
        }
        return out;
    }

    /** Writes the items as new packs whose locations replace the old ones (repacking). */
    void writePacksReplacing(List<Pack.Item> items) throws IOException {
        for (List<Pack.Item> chunk : chunks(items)) {
            writePack(chunk, true);
        }
    }

    private void writePack(List<Pack.Item> chunk, boolean replace) throws IOException {
        Pack.Built built = Pack.build(chunk);
        List<BlockId> ids = chunk.stream().map(Pack.Item::id).toList();
        while (!backend.create(new Handle(FileType.DATA, built.name()), built.bytes()) && !holds(built)) {
            // The name is taken by other bytes: the leftover of a write torn by a crash on a store
            // without atomic creates, or the same blocks compressed differently. Never replace a
            // file; write this pack under another name.
            LOG.warn("data/{} exists with other contents; writing the pack under another name", built.name());
            built = Pack.rename(built, uniqueName(options.clock().instant()));
        }
        backend.create(new Handle(FileType.INDEX, built.name()), RepositoryFiles.index(built.name(), built.locations(), ids));
        register(built.name(), ids, built.locations(), replace);
    }

    /** True when the pack file of that name already holds exactly these bytes. */
    private boolean holds(Pack.Built built) throws IOException {
        try {
            return java.util.Arrays.equals(backend.read(new Handle(FileType.DATA, built.name())), built.bytes());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    void register(String pack, List<BlockId> ids, List<Pack.Location> locs) {
        register(pack, ids, locs, false);
    }

    private void register(String pack, List<BlockId> ids, List<Pack.Location> locs, boolean replace) {
        Set<BlockId> set = packBlocks.computeIfAbsent(pack, p -> ConcurrentHashMap.newKeySet());
        for (int i = 0; i < ids.size(); i++) {
            if (replace) {
                index.put(ids.get(i), locs.get(i));
            } else {
                index.putIfAbsent(ids.get(i), locs.get(i));
            }
            set.add(ids.get(i));
        }
    }

    private void recordOwnership(String machine, Set<BlockId> ids) throws IOException {
        long now = options.clock().millis();
        Map<BlockId, Long> rec = new LinkedHashMap<>();
        ids.forEach(id -> rec.put(id, now));
        String name = writeOwnershipFile(machine, rec);
        ownershipFiles.computeIfAbsent(machine, m -> ConcurrentHashMap.newKeySet()).add(name);
        owned.computeIfAbsent(machine, m -> new ConcurrentHashMap<>()).putAll(rec);
    }

    String writeOwnershipFile(String machine, Map<BlockId, Long> blocks) throws IOException {
        byte[] json = RepositoryFiles.ownership(machine, blocks);
        while (true) {
            String name = machine + "/" + uniqueName(options.clock().instant());
            if (backend.create(new Handle(FileType.MACHINES, name), json)) {
                return name;
            }
        }
    }

    /**
     * A block of {@code machine}, read back and checked against its hash.
     *
     * @throws NotFoundException  when this machine has not stored that block
     * @throws IntegrityException when the stored copy is damaged (names the block and the pack file)
     */
    public byte[] readBlock(String machine, BlockId id) {
        checkMachine(machine);
        rw.readLock().lock();
        try {
            Pack.Location loc = index.get(id);
            if (loc == null || !owned.getOrDefault(machine, Map.of()).containsKey(id)) {
                throw new NotFoundException("machine " + machine + " has no block " + id + " in the repository");
            }
            return readStored(id, loc);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Reads, checks and decodes one stored block. */
    byte[] readStored(BlockId id, Pack.Location loc) {
        byte[] record;
        try {
            record = backend.read(new Handle(FileType.DATA, loc.pack()), loc.offset(), Pack.HEADER + loc.stored());
        } catch (NoSuchFileException e) {
            throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file()) + ": the pack file is missing");
        } catch (EOFException e) {
            throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file()) + ": the pack file is truncated");
        } catch (IOException e) {
            throw storage("read " + BlockCodec.where(id, loc.file()), e);
        }
        try {
            byte[] body = Pack.body(id, loc, record);
            byte[] raw = BlockCodec.decode(id, loc.file(), body, loc.encoding(), options.maxBlockBytes());
            if (raw.length != loc.raw()) {
                throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file()) + ": " + raw.length
                        + " bytes where the index says " + loc.raw());
            }
            return raw;
        } catch (IntegrityException e) {
            damaged.add(id);
            throw e;
        }
    }

    boolean has(String machine, BlockId id) {
        return index.containsKey(id) && owned.getOrDefault(machine, Map.of()).containsKey(id) && !damaged.contains(id);
    }

    // ---- points

    /**
     * Makes a recovery point of {@code manifest} visible, atomically (one file create), after checking
     * that every non-zero block it names is durably stored for {@code machine}; then applies retention.
     *
     * @throws MissingBlocksException naming the first block that is not stored
     */
    public PointInfo commitPoint(String machine, Manifest manifest, PointMeta meta) {
        checkWritable();
        checkMachine(machine);
        ManifestRules.check(manifest, options.maxBlockBytes());
        PointInfo info;
        rw.readLock().lock();
        try {
            List<BlockId> missing = new ArrayList<>();
            Set<BlockId> seen = new HashSet<>();
            String firstPath = null;
            for (Entry e : manifest.entries()) {
                for (BlockRef b : e.blocks()) {
                    if (!b.isZero() && seen.add(b.id()) && !has(machine, b.id())) {
                        if (missing.isEmpty()) {
                            firstPath = e.path();
                        }
                        missing.add(b.id());
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new MissingBlocksException(machine, firstPath, missing);
            }
            Instant created = options.clock().instant();
            while (true) {
                info = new PointInfo(uniqueName(created), machine, created, manifest.source(), manifest.kind(),
                        manifest.sourceBytes(), meta.bytesSent(), meta.tlsVersion(), meta.cipherSuite(), meta.consistency());
                Handle h = new Handle(FileType.POINTS, machine + "/" + info.id());
                if (backend.create(h, RepositoryFiles.point(info, manifest))) {
                    break;
                }
            }
            points.computeIfAbsent(machine, m -> new ConcurrentHashMap<>()).put(info.id(), new StoredPoint(info, manifest));
        } catch (IOException e) {
            throw storage("commit a point of machine " + machine, e);
        } finally {
            rw.readLock().unlock();
        }
        try {
            new Retention(this).apply(machine);
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention for machine {} failed (the point {} is committed; retention runs again next time): {}",
                    machine, info.id(), e.toString());
        }
        return info;
    }

    /** Points, oldest first per machine, machines in name order; all machines when {@code machine} is empty. */
    public List<PointInfo> points(Optional<String> machine) {
        List<PointInfo> out = new ArrayList<>();
        machine.ifPresent(Repository::checkMachine);
        for (Map.Entry<String, Map<String, StoredPoint>> e : points.entrySet()) {
            if (machine.isEmpty() || machine.get().equals(e.getKey())) {
                e.getValue().values().forEach(p -> out.add(p.info()));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * One point of {@code machine}: {@code "latest"}, an exact id or an unambiguous prefix of one.
     *
     * @throws NotFoundException when there is no such point
     */
    public PointInfo point(String machine, String idOrLatest) {
        return stored(machine, idOrLatest).info();
    }

    /** The manifest of one point (same lookup as {@link #point}). */
    public Manifest manifest(String machine, String pointId) {
        return stored(machine, pointId).manifest();
    }

    StoredPoint stored(String machine, String idOrLatest) {
        checkMachine(machine);
        List<PointInfo> list = points(Optional.of(machine));
        if (list.isEmpty()) {
            throw new NotFoundException("machine " + machine + " has no recovery points in " + backend.location());
        }
        Map<String, StoredPoint> mine = points.getOrDefault(machine, Map.of());
        StoredPoint found;
        if (idOrLatest == null || idOrLatest.equals("latest")) {
            found = mine.get(list.get(list.size() - 1).id());
        } else {
            found = mine.get(idOrLatest);
            List<PointInfo> matches = list.stream().filter(p -> p.id().startsWith(idOrLatest)).toList();
            if (found == null && matches.size() == 1) {
                found = mine.get(matches.get(0).id());
            }
            if (found == null && matches.size() > 1) {
                throw new NotFoundException("machine " + machine + " has several points starting with " + idOrLatest
                        + "; give more of the id (see `lifeboat points --machine " + machine + "`)");
            }
        }
        if (found != null) {
            return found; // (null only if retention removed it just now)
        }
        throw new NotFoundException("machine " + machine + " has no point " + idOrLatest
                + " (see `lifeboat points --machine " + machine + "`)");
    }

    /** Machines that have points or stored blocks, sorted. */
    public List<String> machines() {
        Set<String> all = new HashSet<>(points.keySet());
        all.addAll(owned.keySet());
        return all.stream().sorted().toList();
    }

    // ---- verify

    /** Re-hashes every stored block (of one machine, or all) and reports damage; see {@link Verifier}. */
    public VerifyReport verify(Optional<String> machine) {
        return verify(machine, VerifyListener.NONE);
    }

    public VerifyReport verify(Optional<String> machine, VerifyListener listener) {
        machine.ifPresent(Repository::checkMachine);
        rw.readLock().lock();
        try {
            return new Verifier(this, listener).run(machine);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Forgets confirmations older than {@code cutoff} (they no longer protect anything). */
    void forgetConfirmationsBefore(String machine, long cutoff) {
        Map<BlockId, Long> seen = confirmed.get(machine);
        if (seen != null) {
            seen.values().removeIf(t -> t < cutoff);
        }
    }

    /** When a block was last confirmed present to {@code machine} by {@link #missing}, or 0. */
    long confirmedAt(String machine, BlockId id) {
        return confirmed.getOrDefault(machine, Map.of()).getOrDefault(id, 0L);
    }

    // ---- lifecycle

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("could not remove the repository lock in {}: {}", backend.location(), e.toString());
            }
        }
    }

    /** Drops this object as a killed process would: the lock file stays (tests of crash recovery). */
    void abandon() {
        closed = true;
        if (lock != null) {
            lock.abandon();
        }
    }

    private void checkWritable() {
        if (options.readOnly()) {
            throw new RepositoryException(Kind.FAILED, "the repository at " + backend.location() + " is open read-only");
        }
        if (closed) {
            throw new RepositoryException(Kind.FAILED, "the repository at " + backend.location() + " is closed");
        }
    }

    static void checkMachine(String machine) {
        if (!Handle.isSegment(machine) || machine.length() > 64) {
            throw new RepositoryException(Kind.USAGE, "bad machine name \"" + machine
                    + "\": use letters, digits, '.', '_' and '-' (at most 64, not starting with '.')");
        }
    }

    static String uniqueName(Instant t) {
        return POINT_TIME.format(t) + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    /** A failed store as a one-line error; a full disk is said so. */
    static RepositoryException storage(String what, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("no space left")) {
            return new RepositoryException(Kind.FAILED, "cannot " + what + ": the vault's disk is full ("
                    + m + "); nothing stored before was lost; free space and retry", e);
        }
        return new RepositoryException(Kind.FAILED, "cannot " + what + ": " + e, e);
    }
}
