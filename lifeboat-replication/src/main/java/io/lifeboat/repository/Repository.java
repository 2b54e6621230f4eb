package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.Handle;
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
    /** Uploads that would cut into the free-space reserve are refused, after retention tried to make room. */
    private final FreeSpaceReserve reserve = new FreeSpaceReserve(this);
    /** Manifest chunks and point commits. */
    private final PointCommitter committer = new PointCommitter(this);
    /** A point by id or prefix, and its manifest read back. */
    private final PointLookup lookup = new PointLookup(this);
    /** The retention commits owe, one run at a time, before they return or after ({@link RetentionTiming}). */
    final RetentionQueue retention = new RetentionQueue(m -> Retention.afterCommit(this, m));
    private volatile boolean closed;

    Repository(Backend backend, RepositoryOptions options, RepositoryLock lock, ReaderGate gate,
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
     * A read-only open may load the ownership records of some machines only ({@link
     * RepositoryOptions#withOnlyMachines}, for a failover); reading another machine's blocks from it then
     * fails naming the machine. A partial open that is not read-only is refused.
     */
    public static Repository open(Backend backend, RepositoryOptions options) {
        return RepositoryOpener.open(backend, options);
    }

    /** Opens the repository in a local folder (the vault's {@code VAULT/repo/}); see {@link #open}. */
    public static Repository openLocal(java.nio.file.Path folder, RepositoryOptions options) {
        io.lifeboat.repository.backend.Backend b = new io.lifeboat.repository.backend.LocalBackend(folder);
        return open(options.readOnly() ? new io.lifeboat.repository.backend.ReadOnlyBackend(b) : b, options);
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
        reserve.check(machine, uploads);
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
        reserve.check(machine, built.length(), built.items().size());
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
     * {@link #readRun} into the caller's buffer: block {@code i} ({@code lengths[i]} bytes, as the
     * point says) is copied or inflated from the range its pack was read into straight to
     * {@code dest}'s index {@code at[i]}, and hashed there against its id, so a failover writes it
     * from where it lies without another copy. {@code dest} is written with absolute puts from
     * several threads (slots must not overlap); nothing in it may be used unless this returns, and
     * after a failure it must be dropped, not reused (a range still being read may land in it).
     *
     * @throws NotFoundException  when this machine has not stored one of them (the message names it)
     * @throws IntegrityException when a stored copy is damaged, or its length is not the point's
     *     (names the first such block, its pack and the record's offset)
     */
    public void readRunInto(String machine, List<BlockId> ids, int[] lengths, java.nio.ByteBuffer dest, int[] at) {
        checkMachine(machine);
        rw.readLock().lock();
        try {
            blocks.readRunInto(machine, ids, lengths, dest, at);
        } finally {
            rw.readLock().unlock();
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
        return committer.putManifestChunk(machine, stored);
    }

    /**
     * Makes a recovery point visible, atomically (one file create), after reading its manifest's chunks
     * in order and checking the whole of it: {@link ManifestRules} and that every non-zero block it
     * names is durably stored for {@code machine}. Memory does not grow with the manifest. Then applies
     * retention, before returning.
     *
     * @param chunks names returned by {@link #putManifestChunk}, in manifest order
     * @throws MissingBlocksException naming the first block that is not stored
     * @throws NotFoundException      when a chunk is not stored for this machine
     */
    public PointInfo commitPoint(String machine, ManifestHeader header, List<String> chunks, PointMeta meta) {
        return commitPoint(machine, header, chunks, meta, RetentionTiming.BEFORE_RETURN);
    }

    /**
     * {@link #commitPoint(String, ManifestHeader, List, PointMeta)}, with retention run when
     * {@code timing} says: the point returned is durable and committed either way.
     */
    public PointInfo commitPoint(String machine, ManifestHeader header, List<String> chunks, PointMeta meta,
            RetentionTiming timing) {
        checkWritable();
        checkMachine(machine);
        return committer.commit(machine, header, chunks, meta, timing);
    }

    /** The point-commit path for a manifest the vault builds ({@link DeltaCommit}), once the call may write. */
    PointCommitter committer(String machine) {
        checkWritable();
        checkMachine(machine);
        return committer;
    }

    /**
     * Makes a recovery point of an in-memory {@code manifest} visible: stores it as chunks, then
     * commits them as {@link #commitPoint(String, ManifestHeader, List, PointMeta)} does.
     *
     * @throws MissingBlocksException naming the first block that is not stored
     */
    public PointInfo commitPoint(String machine, Manifest manifest, PointMeta meta) {
        return commitPoint(machine, manifest, meta, RetentionTiming.BEFORE_RETURN);
    }

    /** {@link #commitPoint(String, Manifest, PointMeta)}, with retention run when {@code timing} says. */
    public PointInfo commitPoint(String machine, Manifest manifest, PointMeta meta, RetentionTiming timing) {
        checkWritable();
        checkMachine(machine);
        return committer.commit(machine, manifest, meta, timing);
    }

    /**
     * Waits until the retention owed by {@link RetentionTiming#QUEUED} commits has run (tools and
     * tests that look at the points left; a vault never waits for it).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitRetention(java.time.Duration timeout) throws InterruptedException {
        return retention.awaitIdle(timeout);
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
        return lookup.find(machine, idOrLatest);
    }

    /**
     * Hands the manifest of one point (same lookup as {@link #point}) to {@code visitor}, chunk by
     * chunk: memory stays one chunk whatever the size of the source.
     *
     * @return the manifest's header (source, kind, block size)
     * @throws IntegrityException when a chunk is missing or damaged (names it)
     */
    public ManifestHeader readManifest(String machine, String pointId, ManifestVisitor visitor) {
        return lookup.read(machine, pointId, visitor);
    }

    /** The counts of one point's manifest, from its point file (same lookup as {@link #point}). */
    public ManifestSummary manifestSummary(String machine, String pointId) {
        return lookup.summary(machine, pointId);
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
        return lookup.manifest(machine, pointId);
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
        retention.close(); // a run under way ends first: it holds files this closes
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
        retention.close(); // as a killed process: what was owed does not run
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
