package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository's blocks: packs and their index ({@link BlockIndex}), which machine uploaded which block
 * ({@link Ownership}), both in memory-mapped tables outside the heap, and the blocks found damaged.
 * {@link Repository} is the public face; this class holds no lock of its own: every
 * method runs with the repository's read/write lock held (the shared side, or the exclusive side in
 * {@link Retention}), so a pack is never deleted while a block in it is read or deduplicated against.
 */
final class BlockStore {
    private static final Logger LOG = LoggerFactory.getLogger(BlockStore.class);

    /**
     * Staged bytes past which the uploader that crossed the line syncs them (see {@link PackSync}):
     * what a crash can lose at most, and what a store without temporaries holds in memory.
     */
    static final long MAX_UNSYNCED_BYTES = 256L << 20;

    private final Backend backend;
    private final RepositoryOptions options;

    /** Where every stored block lies (any machine's): a table on disk, not in the heap. */
    final BlockIndex index;
    /** Per machine: the blocks it uploaded, with when, and its ownership files: tables on disk. */
    final Ownership owned;
    /**
     * Blocks found damaged by a read or a verify of this process: they count as missing for every
     * machine, so the next upload stores a fresh copy (which then replaces the damaged one). In the heap:
     * it grows with the damage found, not with the blocks stored.
     */
    final Set<BlockId> damaged = ConcurrentHashMap.newKeySet();
    /** Packs holding a damaged copy of a block that has since been stored again: to be repacked. */
    final Set<String> superseded = ConcurrentHashMap.newKeySet();
    /**
     * On a shared store, packs a prune dropped ({@link Condemnation}): never used again, and never
     * written again under the same name (the same blocks go to a pack of another name), since the
     * files are deleted once the safety margin has passed.
     */
    final Set<String> condemned = ConcurrentHashMap.newKeySet();
    /** New packs and records are written behind and made durable in groups, before a point names them. */
    final PackSync sync;
    /** Reads runs of blocks in ranges of their packs, for a failover. */
    private final RunReader runs;

    BlockStore(Backend backend, RepositoryOptions options) {
        this.backend = backend;
        this.options = options;
        this.sync = new PackSync(backend, MAX_UNSYNCED_BYTES);
        this.runs = new RunReader(backend, sync, damaged, options.maxBlockBytes());
        Path tables = tableFolder(options);
        this.index = new BlockIndex(tables);
        try {
            this.owned = new Ownership(tables, options.onlyMachines(), backend.location());
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /**
     * The options' table folder; for a read-only open that cannot write there (a read-only copy of a
     * vault), the JVM's temporary folder instead, since a reader must be able to open what it cannot change.
     */
    private static Path tableFolder(RepositoryOptions options) {
        Path dir = options.tableFolder();
        if (!options.readOnly()) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            if (Files.isWritable(dir)) {
                return dir;
            }
        } catch (IOException e) {
            // below
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        LOG.warn("cannot write block tables in {}; a read-only open uses {} instead", dir, tmp);
        return tmp;
    }

    /** Unmaps the tables; the repository is closed. */
    void close() {
        index.close();
        owned.close();
    }

    /** See {@link Repository#missing}. */
    Set<BlockId> missing(String machine, Collection<BlockId> ids) {
        Set<BlockId> out = new LinkedHashSet<>();
        long now = options.clock().millis();
        for (BlockId id : ids) {
            if (has(machine, id)) {
                owned.confirm(machine, id, now);
            } else {
                out.add(id);
            }
        }
        return out;
    }

    /** True when {@code machine} has a durable, undamaged copy of the block. */
    boolean has(String machine, BlockId id) {
        return owned.owns(machine, id) && index.contains(id) && !damaged.contains(id);
    }

    /** See {@link Repository#putBlocks}. */
    void putBlocks(String machine, List<BlockUpload> uploads) throws IOException {
        List<Pack.Item> items = new ArrayList<>(uploads.size());
        int[] rawLengths = BlockCodec.decodeAll(uploads, options.maxBlockBytes());
        for (int i = 0; i < rawLengths.length; i++) {
            BlockUpload u = uploads.get(i);
            items.add(new Pack.Item(u.id(), u.data(), u.offset(), u.length(), u.encoding(), rawLengths[i]));
        }
        Map<BlockId, Pack.Item> toStore = new LinkedHashMap<>();
        Set<BlockId> toOwn = new LinkedHashSet<>();
        for (Pack.Item it : items) {
            if (has(machine, it.id())) {
                continue;
            }
            toOwn.add(it.id());
            if (!index.contains(it.id()) || damaged.contains(it.id())) {
                toStore.putIfAbsent(it.id(), it);
            }
        }
        // each pack is followed by its ownership record, so a batch cut short (full disk, crash)
        // keeps what it stored: those blocks are not asked for again
        for (List<Pack.Item> chunk : chunks(new ArrayList<>(toStore.values()))) {
            storeChunk(machine, chunk);
            chunk.forEach(it -> toOwn.remove(it.id()));
        }
        if (!toOwn.isEmpty()) {
            List<Backend.Staged> group = new ArrayList<>(1);
            stageOwnership(machine, toOwn, group);
            sync.add(group, null, 0);
        }
    }

    /** One pack of new blocks (or fresh copies of damaged ones), then the machine's record of them. */
    private void storeChunk(String machine, List<Pack.Item> chunk) throws IOException {
        boolean heals = false;
        for (Pack.Item it : chunk) {
            Pack.Location old = index.get(it.id());
            if (damaged.contains(it.id()) && old != null) {
                superseded.add(old.pack()); // repacked without the damaged copy by the next retention
                heals = true;
            }
        }
        Pack.Built built = Pack.build(chunk);
        // a staged pack's name never collides: its temporaries are linked later, with no second chance
        built = Pack.rename(built, Repository.uniqueName(options.clock().instant()));
        List<Backend.Staged> group = new ArrayList<>(3);
        stagePack(built, heals, group);
        Set<BlockId> ids = new LinkedHashSet<>();
        for (Pack.Item it : chunk) {
            damaged.remove(it.id());
            ids.add(it.id());
        }
        stageOwnership(machine, ids, group);
        sync.add(group, built.name(), built.length());
    }

    /** Cuts items into groups of about the pack target size, in order. */
    List<List<Pack.Item>> chunks(List<Pack.Item> items) {
        List<List<Pack.Item>> out = new ArrayList<>();
        List<Pack.Item> chunk = new ArrayList<>();
        long size = 0;
        for (Pack.Item it : items) {
            if (!chunk.isEmpty() && size + it.length() > options.packTargetBytes()) {
                out.add(chunk);
                chunk = new ArrayList<>();
                size = 0;
            }
            chunk.add(it);
            size += it.length() + Pack.HEADER;
        }
        if (!chunk.isEmpty()) {
            out.add(chunk);
        }
        return out;
    }

    /** Writes the items as new packs whose locations replace the old ones (repacking); returns their names. */
    List<String> writePacksReplacing(List<Pack.Item> items) throws IOException {
        List<String> names = new ArrayList<>();
        for (List<Pack.Item> chunk : chunks(items)) {
            names.add(writePack(Pack.build(chunk), true));
        }
        return names;
    }

    /**
     * Stores a pack a {@link BlockReceiver} built in place (every block in it checked against its id),
     * then the machine's record of its blocks and of {@code ownOnly}: blocks stored before (for
     * another machine) whose bytes this machine has just proved it holds.
     */
    void storeReceived(String machine, Pack.Built built, Set<BlockId> ownOnly) throws IOException {
        if (!built.items().isEmpty()) {
            boolean heals = false;
            for (Pack.Item it : built.items()) {
                Pack.Location old = index.get(it.id());
                if (damaged.contains(it.id()) && old != null) {
                    superseded.add(old.pack());
                    heals = true;
                }
            }
            List<Backend.Staged> group = new ArrayList<>(3);
            stagePack(built, heals, group);
            Set<BlockId> ids = new LinkedHashSet<>();
            for (Pack.Item it : built.items()) {
                damaged.remove(it.id());
                ids.add(it.id());
                ownOnly.remove(it.id());
            }
            stageOwnership(machine, ids, group);
            sync.add(group, built.name(), built.length());
        }
        ownOnly.removeIf(id -> has(machine, id));
        if (!ownOnly.isEmpty()) {
            List<Backend.Staged> group = new ArrayList<>(1);
            stageOwnership(machine, ownOnly, group);
            sync.add(group, null, 0);
        }
    }

    /**
     * Writes a pack and its index behind ({@link PackSync}) and indexes its blocks at once, so they
     * count as stored; they become durable at the next sync, before any point can name them.
     */
    private void stagePack(Pack.Built built, boolean replace, List<Backend.Staged> group) throws IOException {
        List<BlockId> ids = built.items().stream().map(Pack.Item::id).toList();
        group.add(backend.stage(new Handle(FileType.DATA, built.name()), built.bytes().duplicate()));
        byte[] index = PackIndexCodec.encode(built.name(), built.locations(), ids);
        group.add(backend.stage(new Handle(FileType.INDEX, built.name()), index, 0, index.length));
        register(built.name(), ids, built.locations(), replace);
    }

    /** Writes the machine's record of these blocks behind (published after their packs) and records them. */
    private void stageOwnership(String machine, Set<BlockId> ids, List<Backend.Staged> group) throws IOException {
        long now = options.clock().millis();
        Map<BlockId, Long> rec = new LinkedHashMap<>();
        ids.forEach(id -> rec.put(id, now));
        byte[] record = OwnershipCodec.encode(machine, rec);
        String name = machine + "/" + Repository.uniqueName(options.clock().instant());
        group.add(backend.stage(new Handle(FileType.MACHINES, name), record, 0, record.length));
        owned.files.computeIfAbsent(machine, m -> ConcurrentHashMap.newKeySet()).add(name);
        owned.record(machine, ids, now);
    }

    /** Writes a pack and its index durably at once (repacking), under another name when its own is taken; returns the name. */
    private String writePack(Pack.Built built, boolean replace) throws IOException {
        List<BlockId> ids = built.items().stream().map(Pack.Item::id).toList();
        while (!backend.create(new Handle(FileType.DATA, built.name()), built.array(), 0, built.length())
                && (condemned.contains(built.name()) || !holds(built))) {
            // The name is taken by other bytes: the leftover of a write torn by a crash on a store
            // without atomic creates, or the same blocks compressed differently; or a pack a prune
            // dropped, to be deleted soon. Never replace a file; write this pack under another name.
            LOG.warn("data/{} exists with other contents; writing the pack under another name", built.name());
            built = Pack.rename(built, Repository.uniqueName(options.clock().instant()));
        }
        backend.create(new Handle(FileType.INDEX, built.name()), PackIndexCodec.encode(built.name(), built.locations(), ids));
        register(built.name(), ids, built.locations(), replace);
        return built.name();
    }

    /** True when the pack file of that name already holds exactly these bytes. */
    private boolean holds(Pack.Built built) throws IOException {
        try {
            byte[] on = backend.read(new Handle(FileType.DATA, built.name()));
            return Arrays.equals(on, 0, on.length, built.array(), 0, built.length());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Records where a pack's blocks lie; a block already indexed keeps its first location. */
    void register(String pack, List<BlockId> ids, List<Pack.Location> locs) {
        index.register(pack, ids, locs, false);
    }

    private void register(String pack, List<BlockId> ids, List<Pack.Location> locs, boolean replace) {
        index.register(pack, ids, locs, replace);
    }

    String writeOwnershipFile(String machine, Map<BlockId, Long> blocks) throws IOException {
        byte[] record = OwnershipCodec.encode(machine, blocks);
        while (true) {
            String name = machine + "/" + Repository.uniqueName(options.clock().instant());
            if (backend.create(new Handle(FileType.MACHINES, name), record)) {
                return name;
            }
        }
    }

    /** See {@link Repository#readBlock}. */
    byte[] readBlock(String machine, BlockId id) {
        Pack.Location loc = index.get(id);
        if (loc == null || !owned.owns(machine, id)) {
            throw new NotFoundException("machine " + machine + " has no block " + id + " in the repository");
        }
        return readStored(id, loc);
    }

    /** See {@link Repository#readRun}. */
    BlockSlices readRun(String machine, List<BlockId> ids) {
        Pack.Location[] locs = locate(machine, ids);
        return locs.length == 0 ? BlockSlices.EMPTY : runs.read(ids, locs);
    }

    /** See {@link Repository#readRunInto}. */
    void readRunInto(String machine, List<BlockId> ids, int[] lengths, java.nio.ByteBuffer dest, int[] at) {
        Pack.Location[] locs = locate(machine, ids);
        if (locs.length > 0) {
            runs.readInto(ids, locs, lengths, dest, at);
        }
    }

    /** Where each of {@code ids} is stored, every one owned by {@code machine}. */
    private Pack.Location[] locate(String machine, List<BlockId> ids) {
        int n = ids.size();
        Pack.Location[] locs = new Pack.Location[n];
        for (int i = 0; i < n; i++) {
            BlockId id = ids.get(i);
            locs[i] = index.get(id);
            if (locs[i] == null || !owned.owns(machine, id)) {
                throw new NotFoundException("machine " + machine + " has no block " + id + " in the repository");
            }
        }
        return locs;
    }

    /** Reads, checks and decodes one stored block; a damaged one is remembered as such. */
    byte[] readStored(BlockId id, Pack.Location loc) {
        byte[] raw = readUnchecked(id, loc);
        try {
            BlockCodec.checkHash(id, loc.file(), raw.length, BlockId.of(raw));
            return raw;
        } catch (IntegrityException e) {
            damaged.add(id);
            throw e;
        }
    }

    /**
     * Reads and decodes one stored block, checking its record and length but not yet its hash; a
     * block found damaged is remembered as such.
     */
    private byte[] readUnchecked(BlockId id, Pack.Location loc) {
        byte[] record;
        try {
            if (sync.isPending(loc.pack())) {
                sync.syncAll(); // written behind and not yet in the store's listing: make it durable first
            }
            record = backend.read(new Handle(FileType.DATA, loc.pack()), loc.offset(), Pack.HEADER + loc.stored());
        } catch (NoSuchFileException e) {
            throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file()) + ": the pack file is missing");
        } catch (EOFException e) {
            throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file()) + ": the pack file is truncated");
        } catch (IOException e) {
            throw Repository.storage("read " + BlockCodec.where(id, loc.file()), e);
        }
        try {
            byte[] body = Pack.body(id, loc, record);
            byte[] raw = BlockCodec.unpack(id, loc.file(), body, loc.encoding(), options.maxBlockBytes());
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

    /** When a block was last confirmed present to {@code machine} by {@link #missing}, or 0. */
    long confirmedAt(String machine, BlockId id) {
        return owned.confirmedAt(machine, id);
    }
}
