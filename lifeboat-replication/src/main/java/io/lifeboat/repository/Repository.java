package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's one storage object: recovery points, retention and verify over a {@link Backend}, and
 * the public face of its {@link BlockStore} (blocks in packs, per-machine ownership). Thread-safe.
 * See {@code docs/repository-format.md} for the files and the package notes for the guarantees.
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
    /** Keeps pack deletions away from readers in other processes; a read-only open is inside it. */
    final ReaderGate gate;
    private final ReaderGate.Ticket reading;
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    /** Blocks, packs and who uploaded what; used under {@link #rw} like the rest. */
    final BlockStore blocks;
    /** Manifest chunks and point files, read when needed: only the points' infos stay in memory. */
    final ManifestStore manifests;
    /** Per machine: its points by id (their manifests stay on disk). */
    final Map<String, Map<String, PointInfo>> points = new ConcurrentHashMap<>();
    /** On a store shared by several writer nodes: what the others stored and pruned, learnt as needed. */
    final StoreRefresh refresh = new StoreRefresh(this);
    private volatile boolean closed;

    private Repository(Backend backend, RepositoryOptions options, RepositoryLock lock, ReaderGate gate,
            ReaderGate.Ticket reading, BlockStore blocks) {
        this.backend = backend;
        this.options = options;
        this.lock = lock;
        this.gate = gate;
        this.reading = reading;
        this.blocks = blocks;
        this.manifests = new ManifestStore(backend, options);
    }

    /**
     * Opens (and, unless read-only, creates) the repository on {@code backend}. A writable open takes
     * the single-writer lock, removes temporaries of interrupted writes and rebuilds the index of any
     * pack whose index is missing. A read-only open changes nothing and, on a local folder, holds the
     * readers' shared lock until closed, so the serving vault deletes no pack under it ({@link ReaderGate}).
     */
    public static Repository open(Backend backend, RepositoryOptions options) {
        BlockStore blocks; // its tables first: a folder that cannot hold them fails before any lock is taken
        try {
            blocks = new BlockStore(backend, options);
        } catch (java.io.UncheckedIOException e) {
            throw storage("open the repository at " + backend.location(), new IOException(e.getMessage(), e.getCause()));
        }
        try {
            RepositoryLock lock = null;
            ReaderGate gate = ReaderGate.of(backend);
            ReaderGate.Ticket reading = null;
            if (!options.readOnly()) {
                ensureConfig(backend, options);
                lock = RepositoryLock.isShared(backend) ? RepositoryLock.join(backend, options.clock())
                        : RepositoryLock.acquire(backend, options.clock().instant());
                backend.removeTemporaries();
                gate.prepare();
            } else if (backend.size(Handle.CONFIG).isPresent()) {
                checkConfig(backend);
                reading = gate.enter();
            }
            Repository r = new Repository(backend, options, lock, gate, reading, blocks);
            if (lock != null && lock.shared()) {
                r.refresh.enable();
            }
            try {
                new RepositoryLoader(r).load();
            } catch (RuntimeException | IOException e) {
                r.close();
                throw e;
            }
            return r;
        } catch (IOException e) {
            blocks.close();
            throw storage("open the repository at " + backend.location(), e);
        } catch (RuntimeException e) {
            blocks.close();
            throw e;
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
        if (version == 1) {
            throw new RepositoryException(Kind.USAGE, "the repository at " + backend.location() + " has format version 1"
                    + " (whole manifests in point files); this Lifeboat reads version " + RepositoryFiles.VERSION
                    + ": fail over what you need with the Lifeboat that wrote it, then start a new vault folder"
                    + " (see docs/repository-format.md, \"Format versions\")");
        }
        if (version != RepositoryFiles.VERSION) {
            throw new RepositoryException(Kind.USAGE, "the repository at " + backend.location() + " has format version "
                    + version + "; this Lifeboat reads version " + RepositoryFiles.VERSION
                    + (version > RepositoryFiles.VERSION ? ": it was written by a newer Lifeboat; open it with that version (nothing was changed)" : ""));
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
        rw.readLock().lock();
        try {
            refresh.maybe(); // blocks other nodes stored since count
            return blocks.missing(machine, ids);
        } catch (IOException e) {
            throw storage("learn what other vault nodes stored in " + backend.location(), e);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Stores one block for {@code machine}; see {@link #putBlocks}. */
    public void putBlock(String machine, BlockId id, byte[] body, BlockEncoding encoding) {
        putBlocks(machine, List.of(new BlockUpload(id, body, encoding)));
    }

    /**
     * Verifies and stores a batch of blocks for {@code machine}: on return they count as stored (and
     * are readable); they are durable after the next {@link #commitPoint} (or close), which makes them
     * durable before its point exists (group commit, {@link PackSync}). Each body is decoded
     * (a zstd body never beyond {@link RepositoryOptions#maxBlockBytes()}) and its SHA-256 must equal its
     * id, else an {@link IntegrityException} naming the block and nothing of the batch is stored.
     * Idempotent: blocks the machine already has are skipped; blocks stored for another machine are not
     * written again, only recorded as this machine's.
     */
    public void putBlocks(String machine, List<BlockUpload> uploads) {
        checkWritable();
        checkMachine(machine);
        checkReserve(machine, uploads);
        rw.readLock().lock();
        try {
            blocks.putBlocks(machine, uploads);
        } catch (IOException e) {
            throw storage("store " + uploads.size() + " block(s) of machine " + machine, e);
        } finally {
            rw.readLock().unlock();
        }
    }

    /**
     * Receives an upload of blocks for {@code machine} as its bytes arrive ({@link BlockReceiver}):
     * the streaming form of {@link #putBlocks}, with the same checks.
     *
     * @param expectedBytes the upload's size when known (Content-Length), else -1: sizes the pack buffer
     */
    public BlockReceiver receiver(String machine, long expectedBytes) {
        checkWritable();
        checkMachine(machine);
        return new BlockReceiver(this, machine, expectedBytes);
    }

    /** {@link BlockStore#storeReceived} under the shared lock, after the free-space check. */
    void storeReceived(String machine, Pack.Built built, Set<BlockId> ownOnly) {
        checkWritable();
        checkReserve(machine, built.length(), built.items().size());
        rw.readLock().lock();
        try {
            blocks.storeReceived(machine, built, ownOnly);
        } catch (IOException e) {
            throw storage("store " + (built.items().size() + ownOnly.size()) + " block(s) of machine " + machine, e);
        } finally {
            rw.readLock().unlock();
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
            return blocks.readBlock(machine, id);
        } finally {
            rw.readLock().unlock();
        }
    }

    /**
     * {@link #readBlock} of many blocks at once, each in an array of its own; see {@link #readRun},
     * which this copies out of.
     *
     * @return the bytes of each block, in order
     */
    public List<byte[]> readBlocks(String machine, List<BlockId> ids) {
        BlockSlices run = readRun(machine, ids);
        List<byte[]> out = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            out.add(run.copy(i));
        }
        return out;
    }

    /**
     * {@link #readBlock} of many blocks at once, as a failover reads them: the records that lie close
     * together in a pack are read as one range (one request to object storage instead of one per
     * block, several at once), then all are hashed together (many per vector, see {@link
     * BlockId#ofAll}). Nothing is returned unless every block is intact.
     *
     * @return the bytes of each block, in order, as slices of the ranges read
     * @throws NotFoundException  when this machine has not stored one of them (the message names it)
     * @throws IntegrityException when a stored copy is damaged (names the first such block and its pack)
     */
    public BlockSlices readRun(String machine, List<BlockId> ids) {
        checkMachine(machine);
        rw.readLock().lock();
        try {
            return blocks.readRun(machine, ids);
        } finally {
            rw.readLock().unlock();
        }
    }

    /**
     * Refuses an upload that would leave less free disk than the policy's reserve, so the vault keeps
     * room to commit points of blocks it has and to prune (which writes small files before deleting).
     * Before refusing, it runs retention over every machine (by policy, the lock period respected; at
     * most once a minute), so a full vault frees what its policy no longer keeps by itself.
     */
    private void checkReserve(String machine, List<BlockUpload> uploads) {
        long need = 0;
        for (BlockUpload u : uploads) {
            need += u.length() + Pack.HEADER;
        }
        checkReserve(machine, need, uploads.size());
    }

    /** {@link #checkReserve(String, List)} of {@code count} blocks taking {@code need} bytes. */
    void checkReserve(String machine, long need, int count) {
        long reserve = policy().freeSpaceReserve();
        OptionalLong free = usableSpace();
        if (free.isEmpty() || free.getAsLong() - need >= reserve) {
            return;
        }
        if (reclaim()) {
            free = usableSpace();
            if (free.isEmpty() || free.getAsLong() - need >= reserve) {
                return;
            }
        }
        throw new StorageFullException("upload of " + count + " block(s) of machine " + machine
                + " refused: the vault's disk at " + backend.location() + " has " + mib(free.getAsLong())
                + " free, and the vault keeps " + mib(reserve) + " in reserve; nothing stored was lost, points of"
                + " blocks already stored still commit; free space or prune (`lifeboat prune`) and the agent resumes");
    }

    private OptionalLong usableSpace() {
        try {
            return backend.usableSpace();
        } catch (IOException e) {
            return OptionalLong.empty(); // the store cannot tell; a write that does not fit still fails cleanly
        }
    }

    /** When retention over every machine last ran to make room (epoch millis). */
    private final java.util.concurrent.atomic.AtomicLong lastReclaim = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    /** Runs retention over every machine, unless it ran less than a minute ago; true when it ran. */
    private boolean reclaim() {
        long now = options.clock().millis();
        long last = lastReclaim.get();
        if (last != Long.MIN_VALUE && now - last < 60_000 || !lastReclaim.compareAndSet(last, now)) {
            return false;
        }
        try {
            blocks.sync.syncAll();
            PruneReport r = new Retention(this).prune(PruneRequest.byPolicy(false));
            LOG.warn("the vault's disk at {} is below its free-space reserve: retention removed {} point(s) and {} pack file(s)",
                    backend.location(), r.removed().size(), r.packsDeleted() + r.packsRepacked());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("the vault's disk at {} is below its free-space reserve and retention failed: {}", backend.location(),
                    e.toString());
            return false;
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** The vault's storage policy now; when it cannot be read, the defaults (which delete nothing sooner). */
    StoragePolicy policy() {
        try {
            return options.policy().get();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the vault's storage policy ({}); using the defaults for the free-space reserve", e.getMessage());
            return StoragePolicy.DEFAULT;
        }
    }

    // ---- points

    /**
     * Checks and stores one chunk of a manifest being sent (see {@link ManifestChunker}), durable on
     * return; the point that names it is committed later by {@link #commitPoint(String, ManifestHeader,
     * List, PointMeta)}. The chunk is held to the rules one chunk can be checked by alone, and every
     * non-zero block it names must be stored for {@code machine}. A chunk no point ever names is
     * removed by retention once older than the prune grace period.
     *
     * @return the chunk's name, {@code <UTC time>-<sha256 of the bytes>}
     * @throws IntegrityException     for bytes that are not a well-formed chunk
     * @throws MissingBlocksException naming the first block the machine has not stored
     */
    public String putManifestChunk(String machine, byte[] stored) {
        checkWritable();
        checkMachine(machine);
        rw.readLock().lock();
        try {
            ManifestCheck check = ManifestCheck.fragment(options.maxBlockBytes(), id -> blocks.has(machine, id));
            ManifestChunkReader.read("manifest chunk of machine " + machine, stored, check);
            check.finish(machine);
            return manifests.put(machine, stored);
        } catch (IOException e) {
            throw storage("store a manifest chunk of machine " + machine, e);
        } finally {
            rw.readLock().unlock();
        }
    }

    /**
     * Makes a recovery point visible, atomically (one file create), after reading its manifest's chunks
     * in order and checking the whole of it: {@link ManifestRules} and that every non-zero block it
     * names is durably stored for {@code machine}. Memory does not grow with the manifest. Then applies
     * retention.
     *
     * @param chunks names returned by {@link #putManifestChunk}, in manifest order
     * @throws MissingBlocksException naming the first block that is not stored
     * @throws NotFoundException      when a chunk is not stored for this machine
     */
    public PointInfo commitPoint(String machine, ManifestHeader header, List<String> chunks, PointMeta meta) {
        checkWritable();
        checkMachine(machine);
        if (chunks.isEmpty()) {
            throw new RepositoryException(Kind.USAGE, "a point commit names no manifest chunk (an empty manifest is one chunk)");
        }
        if (header.source() == null) {
            throw new RepositoryException(Kind.USAGE, "manifest without a source name");
        }
        PointInfo info;
        rw.readLock().lock();
        try {
            CommitGuard guard = new CommitGuard(this, machine);
            guard.before();
            ManifestSummary summary;
            try {
                summary = checkWhole(machine, header, chunks, true, guard);
            } catch (ManifestCheck.OutOfOrder e) {
                summary = checkWhole(machine, header, chunks, false, guard); // not listed as the agent lists: keep every path
            }
            // group commit: the blocks it names may lie in packs written behind; make them durable
            // (with whatever else is staged, for every commit waiting now) before the point exists
            blocks.sync.syncAll();
            Instant created = options.clock().instant();
            while (true) {
                info = new PointInfo(uniqueName(created), machine, created, header.source(), header.kind(),
                        summary.sourceBytes(), meta.bytesSent(), meta.tlsVersion(), meta.cipherSuite(), meta.consistency());
                Handle h = new Handle(FileType.POINTS, machine + "/" + info.id());
                if (backend.create(h, RepositoryFiles.point(new PointFile(info, header, summary, chunks)))) {
                    guard.after(h, info);
                    break;
                }
            }
            points.computeIfAbsent(machine, m -> new ConcurrentHashMap<>()).put(info.id(), info);
        } catch (IOException e) {
            throw storage("commit a point of machine " + machine, e);
        } finally {
            rw.readLock().unlock();
        }
        try {
            blocks.sync.syncAll(); // retention reads index files: nothing of them may be only staged
            new Retention(this).apply(machine);
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention for machine {} failed (the point {} is committed; retention runs again next time): {}",
                    machine, info.id(), e.toString());
        }
        return info;
    }

    /** Reads the chunks in order through a {@link ManifestCheck} of the whole manifest; returns its counts. */
    private ManifestSummary checkWhole(String machine, ManifestHeader header, List<String> chunks, boolean ordered,
            CommitGuard guard) throws IOException {
        ManifestCheck check = ManifestCheck.whole(header.kind(), header.blockSize(), options.maxBlockBytes(), guard.has());
        if (ordered) {
            check.expectingOrder();
        }
        ManifestStore.Counting counting = new ManifestStore.Counting(check);
        for (String name : chunks) {
            ManifestChunkReader.read(ManifestStore.where(machine, name), manifests.read(machine, name), counting);
        }
        check.finish(machine);
        return counting.summary(chunks.size());
    }

    /**
     * Makes a recovery point of an in-memory {@code manifest} visible: stores it as chunks, then
     * commits them as {@link #commitPoint(String, ManifestHeader, List, PointMeta)} does.
     *
     * @throws MissingBlocksException naming the first block that is not stored
     */
    public PointInfo commitPoint(String machine, Manifest manifest, PointMeta meta) {
        checkWritable();
        checkMachine(machine);
        ManifestRules.check(manifest, options.maxBlockBytes());
        List<String> names = new ArrayList<>();
        rw.readLock().lock();
        try {
            ManifestChunker.write(manifest, stored -> {
                try {
                    names.add(manifests.put(machine, stored));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw storage("store the manifest of a point of machine " + machine, e.getCause());
        } finally {
            rw.readLock().unlock();
        }
        return commitPoint(machine, ManifestHeader.of(manifest), names, meta);
    }

    /**
     * An operator's prune: applies the vault's retention policy to every machine (or one), deleting what
     * it drops, and the points named in the request whatever the policy or the lock period says; then
     * collects the blocks nothing needs. A dry run only decides. A machine can never ask for this: the
     * vault API has no request that deletes.
     *
     * @throws NotFoundException when a named point does not exist (nothing is deleted)
     */
    public PruneReport prune(PruneRequest request) {
        if (!request.dryRun()) {
            checkWritable();
        }
        try {
            if (!request.dryRun()) {
                blocks.sync.syncAll();
            }
            return new Retention(this).prune(request);
        } catch (IOException e) {
            throw storage("prune the repository", e);
        }
    }

    /** Points, oldest first per machine, machines in name order; all machines when {@code machine} is empty. */
    public List<PointInfo> points(Optional<String> machine) {
        List<PointInfo> out = new ArrayList<>();
        machine.ifPresent(Repository::checkMachine);
        try {
            refresh.maybe(); // points other nodes committed since
        } catch (IOException e) {
            throw storage("learn what other vault nodes committed in " + backend.location(), e);
        }
        for (Map.Entry<String, Map<String, PointInfo>> e : points.entrySet()) {
            if (machine.isEmpty() || machine.get().equals(e.getKey())) {
                out.addAll(e.getValue().values());
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
        checkMachine(machine);
        List<PointInfo> list = points(Optional.of(machine));
        if (list.isEmpty()) {
            throw new NotFoundException("machine " + machine + " has no recovery points in " + backend.location());
        }
        if (idOrLatest == null || idOrLatest.equals("latest")) {
            return list.get(list.size() - 1);
        }
        List<PointInfo> matches = list.stream().filter(p -> p.id().startsWith(idOrLatest)).toList();
        for (PointInfo p : matches) {
            if (p.id().equals(idOrLatest)) {
                return p;
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new NotFoundException("machine " + machine + " has several points starting with " + idOrLatest
                    + "; give more of the id (see `lifeboat points --machine " + machine + "`)");
        }
        throw new NotFoundException("machine " + machine + " has no point " + idOrLatest
                + " (see `lifeboat points --machine " + machine + "`)");
    }

    /**
     * Hands the manifest of one point (same lookup as {@link #point}) to {@code visitor}, chunk by
     * chunk: memory stays one chunk whatever the size of the source.
     *
     * @return the manifest's header (source, kind, block size)
     * @throws IntegrityException when a chunk is missing or damaged (names it)
     */
    public ManifestHeader readManifest(String machine, String pointId, ManifestVisitor visitor) {
        PointInfo info = point(machine, pointId);
        try {
            PointFile p = manifests.pointFile(machine, info.id());
            manifests.visit(machine, p, visitor);
            return p.header();
        } catch (IOException e) {
            throw storage("read the manifest of point " + info.id() + " of machine " + machine, e);
        }
    }

    /** The counts of one point's manifest, from its point file (same lookup as {@link #point}). */
    public ManifestSummary manifestSummary(String machine, String pointId) {
        PointInfo info = point(machine, pointId);
        try {
            return manifests.pointFile(machine, info.id()).summary();
        } catch (IOException e) {
            throw storage("read point " + info.id() + " of machine " + machine, e);
        }
    }

    /**
     * The manifest of one point (same lookup as {@link #point}). For an image, device or file point,
     * its one entry's blocks are read from the manifest's chunks as they are used (a few chunks held
     * at a time), so a failover of any size fits in memory; a folder tree's manifest is assembled
     * whole (about 60 bytes per block reference). {@link #readManifest} streams either.
     *
     * @throws IntegrityException when a chunk is missing or damaged (names it), now or when read later
     */
    public Manifest manifest(String machine, String pointId) {
        PointInfo info = point(machine, pointId);
        PointFile p;
        try {
            p = manifests.pointFile(machine, info.id());
        } catch (IOException e) {
            throw storage("read point " + info.id() + " of machine " + machine, e);
        }
        if (p.header().kind() == SourceKind.DIRECTORY || p.summary().entries() != 1) {
            ManifestAssembler whole = new ManifestAssembler();
            return whole.manifest(readManifest(machine, info.id(), whole));
        }
        return manifests.lazy(machine, p);
    }

    /** Machines that have points or stored blocks, sorted. */
    public List<String> machines() {
        Set<String> all = new HashSet<>(points.keySet());
        all.addAll(blocks.owned.machines());
        return all.stream().sorted().toList();
    }

    // ---- verify

    /** Re-hashes every stored block (of one machine, or all) and reports damage; see {@link Verifier}. */
    public VerifyReport verify(Optional<String> machine) {
        return verify(machine, VerifyListener.NONE);
    }

    public VerifyReport verify(Optional<String> machine, VerifyListener listener) {
        machine.ifPresent(Repository::checkMachine);
        try {
            blocks.sync.syncAll(); // verify reads packs through their index files
        } catch (IOException e) {
            throw storage("make the latest uploads durable before verifying", e);
        }
        rw.readLock().lock();
        try {
            return new Verifier(this, listener).run(machine);
        } finally {
            rw.readLock().unlock();
        }
    }

    // ---- lifecycle

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (lock != null) {
            try {
                blocks.sync.syncAll(); // a clean stop keeps every upload it answered
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not make the latest uploads durable at close ({}); their blocks are sent again", e.toString());
            }
        }
        closed = true;
        if (reading != null) {
            reading.close();
        }
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("could not remove the repository lock in {}: {}", backend.location(), e.toString());
            }
        }
        blocks.close(); // a call still under way fails cleanly: the tables refuse use after close
    }

    /** Drops this object as a killed process would: the lock file stays (tests of crash recovery). */
    void abandon() {
        closed = true;
        if (reading != null) {
            reading.close();
        }
        if (lock != null) {
            lock.abandon();
        }
        blocks.close(); // as the kernel would unmap them
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
