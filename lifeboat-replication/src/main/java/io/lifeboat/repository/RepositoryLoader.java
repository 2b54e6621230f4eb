package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a repository's index and ownership records into its tables ({@link BlockIndex}, {@link
 * Ownership}: on disk, outside the heap) and its point infos into memory when it opens (manifests stay on
 * disk), one file at a time. An unreadable index is rebuilt from its pack
 * (packs describe themselves), as is the index of a pack written just before a crash; unreadable
 * ownership or point files are skipped with a warning, never deleted (nothing stored is lost).
 *
 * <p>Points first, then ownership, then indexes: a point is created only after its blocks' ownership
 * records and indexes, so a reader beside a serving vault never sees a point whose blocks it has not
 * loaded. A read-only open whose listed files vanish while it reads them (retention of the serving
 * vault deleted a point or compacted ownership records) loads again, a few times at most, and
 * keeps the point files it loaded, so a point it listed stays readable while it is open.
 *
 * <p>A partial open ({@link RepositoryOptions#onlyMachines}, read-only only) reads the ownership records
 * of the machines it names and only lists the others'; points and the index are read whole (a point
 * info is small, and the index is keyed by block, not by machine).
 */
final class RepositoryLoader {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryLoader.class);

    private final Repository repo;
    private final Backend backend;
    private final boolean writable;

    RepositoryLoader(Repository repo) {
        this.repo = repo;
        this.backend = repo.backend;
        this.writable = !repo.options.readOnly();
    }

    private static final int READ_ONLY_ATTEMPTS = 5;
    private boolean vanished;

    void load() throws IOException {
        if (repo.refresh.enabled()) {
            loadCondemned(); // first: a pack a prune dropped is neither loaded nor rebuilt
        }
        for (int attempt = 1; ; attempt++) {
            vanished = false;
            loadPoints();
            loadOwnership();
            loadIndex();
            if (!vanished || writable || attempt == READ_ONLY_ATTEMPTS) {
                return;
            }
            LOG.debug("files of {} changed while they were read; loading again", backend.location());
            repo.points.clear();
            repo.manifests.releaseHeld();
            repo.blocks.owned.clear();
            repo.blocks.index.clear();
        }
    }

    private void seen(FileType type, String name) {
        if (repo.refresh.enabled()) {
            repo.refresh.seen(type, name);
        }
    }

    /** On a shared store: the packs prunes have dropped (not used, not rebuilt), recorded as read. */
    private void loadCondemned() throws IOException {
        for (String name : backend.list(FileType.PRUNE)) {
            try {
                Condemnation.Record r = Condemnation.read(backend, name);
                repo.blocks.condemned.addAll(r.packs());
            } catch (NoSuchFileException e) {
                continue; // its packs were deleted meanwhile
            } catch (LifeboatException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
                LOG.warn("prune/{} is unreadable ({}); skipped", name, e.getMessage());
            }
            repo.refresh.seen(FileType.PRUNE, name);
        }
    }

    /** Index files read before the table is sized for all of them (see {@link #loadIndex}). */
    static final int SIZING_SAMPLE = 8;

    private void loadIndex() throws IOException {
        Set<String> packs = new HashSet<>(backend.list(FileType.DATA));
        Set<String> indexed = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (String name : backend.list(FileType.INDEX)) {
            if (repo.blocks.condemned.contains(name)) {
                indexed.add(name);
            } else {
                names.add(name);
            }
        }
        long entries = 0;
        int read = 0;
        try (FileReadAhead<PackIndex> ahead = new FileReadAhead<>(backend, FileType.INDEX, names, PackIndexCodec::read)) {
            while (ahead.hasNext()) {
                FileReadAhead.Read<PackIndex> r = ahead.next();
                String name = r.name();
                if (r.failure() instanceof NoSuchFileException) {
                    vanished = true; // deleted by a prune running elsewhere while we listed
                    continue;
                }
                if (r.failure() instanceof LifeboatException || r.failure() instanceof IllegalArgumentException) {
                    LOG.warn("index/{} is unreadable ({}); rebuilding it from its pack", name, r.failure().getMessage());
                    if (writable) {
                        backend.delete(new Handle(FileType.INDEX, name));
                    }
                    continue;
                }
                if (r.failure() instanceof IOException e) {
                    throw e;
                }
                if (r.failure() instanceof RuntimeException e) {
                    throw e;
                }
                repo.blocks.index.register(r.value(), false);
                indexed.add(name);
                seen(FileType.INDEX, name);
                entries += r.value().count();
                if (++read == SIZING_SAMPLE) {
                    // size the table once for every file listed, by the mean of these: growing by
                    // doubling would rehash at each step and fault in the pages of tables thrown away
                    repo.blocks.index.reserve(entries * (names.size() - read) / read);
                }
            }
        }
        for (String pack : packs) {
            if (!indexed.contains(pack) && !repo.blocks.condemned.contains(pack)) {
                rebuild(pack);
            }
        }
    }

    /** Indexes a pack from its own records (a pack written just before a crash, or a lost index). */
    private void rebuild(String pack) throws IOException {
        byte[] bytes;
        try {
            bytes = backend.read(new Handle(FileType.DATA, pack));
        } catch (NoSuchFileException e) {
            return;
        }
        List<BlockId> ids = new ArrayList<>();
        List<Pack.Location> locs = Pack.scan(pack, bytes, ids);
        if (locs.isEmpty()) {
            LOG.warn("data/{} holds no readable block records; left in place", pack);
            return;
        }
        repo.blocks.register(pack, ids, locs);
        if (writable) {
            backend.create(new Handle(FileType.INDEX, pack), PackIndexCodec.encode(pack, locs, ids));
        }
    }

    private void loadOwnership() throws IOException {
        List<String> names = new ArrayList<>();
        for (String name : backend.list(FileType.MACHINES)) {
            String machine = name.substring(0, name.indexOf('/'));
            if (repo.blocks.owned.loads(machine)) {
                names.add(name);
            } else {
                repo.blocks.owned.skip(machine); // a partial open for a failover: another machine's records, not read
            }
        }
        // read and decoded a few at once (on Azure Blob one GET each); merged here one after another:
        // a record is one pack's blocks, a compacted one at most 16,384, so little is held at a time
        try (FileReadAhead<OwnershipCodec.OwnedBlocks> ahead = new FileReadAhead<>(backend, FileType.MACHINES, names,
                OwnershipCodec::read)) {
            while (ahead.hasNext()) {
                FileReadAhead.Read<OwnershipCodec.OwnedBlocks> r = ahead.next();
                String name = r.name();
                String machine = name.substring(0, name.indexOf('/'));
                if (r.failure() instanceof NoSuchFileException) {
                    vanished = true; // compacted away while we listed
                } else if (r.failure() instanceof LifeboatException || r.failure() instanceof IllegalArgumentException) {
                    LOG.warn("{}; the ownership record is unreadable, skipped", r.failure().getMessage()); // names the file
                    repo.blocks.owned.unreadRecord(); // sweeps look for unowned blocks in the manifests
                } else if (r.failure() instanceof IOException e) {
                    throw e;
                } else if (r.failure() instanceof RuntimeException e) {
                    throw e;
                } else {
                    repo.blocks.owned.load(machine, r.value());
                    repo.blocks.owned.files.computeIfAbsent(machine, m -> ConcurrentHashMap.newKeySet()).add(name);
                    seen(FileType.MACHINES, name);
                }
            }
        }
    }

    private void loadPoints() throws IOException {
        for (String name : backend.list(FileType.POINTS)) {
            String machine = name.substring(0, name.indexOf('/'));
            String id = name.substring(name.indexOf('/') + 1);
            try {
                // only the info stays in memory; the manifest's chunks are read when a point is used
                PointFile p = RepositoryFiles.point(backend.read(new Handle(FileType.POINTS, name)), name);
                if (!p.info().machine().equals(machine) || !p.info().id().equals(id)) {
                    LOG.warn("points/{} names point {} of machine {}; skipped", name, p.info().id(), p.info().machine());
                    continue;
                }
                repo.points.computeIfAbsent(machine, m -> new ConcurrentHashMap<>()).put(id, p.info());
                seen(FileType.POINTS, name);
                if (!writable) {
                    repo.manifests.hold(p); // a serving vault may delete it; its chunks wait for us
                } else if (repo.refresh.enabled()) {
                    repo.retention.backlog.keepPointFile(p); // a shared store's sweeps ask it again: not read again
                }
            } catch (NoSuchFileException e) {
                vanished = true; // removed by retention while we listed
            } catch (LifeboatException | IllegalArgumentException e) {
                LOG.warn("points/{} is unreadable ({}); skipped", name, e.getMessage());
            }
        }
    }
}
