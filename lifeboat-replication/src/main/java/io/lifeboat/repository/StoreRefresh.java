package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a writer node on a shared store learns what the other nodes stored and pruned since it opened:
 * it lists {@code points/}, {@code machines/}, {@code prune/} and {@code index/} and reads only the
 * names it has not read yet (so a refresh with nothing new costs four list requests), nor those this node
 * wrote itself (its commits' point files, its uploads' ownership records and pack indexes, what its
 * prune compacted: each is in its tables already; session 21). New points and
 * ownership records are loaded as at open; a prune record drops its packs from the index and
 * registers their replacements ({@link Condemnation}); an index file that vanished drops its pack. A
 * point file that vanished (another node's retention) is forgotten, and a machine whose ownership files
 * vanished (compacted by another node's prune, which may have released some of its blocks) has its
 * ownership read again from its files as they are now.
 *
 * <p>Points first, then ownership, then prune records, then indexes, in the order the writers create
 * them backwards (a point is created after its blocks' ownership and indexes), so a point this node
 * learns of has its blocks loaded. {@link #maybe} runs at most once a second (before {@code missing},
 * {@code points}); {@link #now} always (before a commit is checked, and under the prune lease). On a
 * store with one writer it does nothing: that writer made every file itself.
 */
final class StoreRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRefresh.class);
    private static final long MIN_GAP_MILLIS = 1000;

    private final Repository repo;
    private volatile boolean enabled;
    private final Set<String> indexes = ConcurrentHashMap.newKeySet();
    private final Set<String> ownership = ConcurrentHashMap.newKeySet();
    private final Set<String> points = ConcurrentHashMap.newKeySet();
    private final Set<String> prunes = ConcurrentHashMap.newKeySet();
    private volatile long last;

    StoreRefresh(Repository repo) {
        this.repo = repo;
    }

    /** Turns refreshing on (a writable open of a shared store). */
    void enable() {
        enabled = true;
        last = repo.options.clock().millis();
    }

    boolean enabled() {
        return enabled;
    }

    /** The loader read this file at open (so a refresh does not read it again). */
    void seen(FileType type, String name) {
        switch (type) {
            case INDEX -> indexes.add(name);
            case MACHINES -> ownership.add(name);
            case POINTS -> points.add(name);
            case PRUNE -> prunes.add(name);
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    /**
     * This node compacted a machine's ownership ({@code Sweep}): it wrote {@code written} from its own
     * table and deleted {@code deleted}. A refresh must neither read the new files back (their blocks are
     * in the table already) nor take the old files' absence for another node's compaction, which would
     * drop the machine's table and read all its files again: two GETs of every compacted file.
     */
    void compacted(java.util.Collection<String> written, java.util.Collection<String> deleted) {
        ownership.addAll(written);
        ownership.removeAll(deleted);
    }

    /** A refresh unless one ran within the last second. */
    void maybe() throws IOException {
        if (enabled && repo.options.clock().millis() - last >= MIN_GAP_MILLIS) {
            now();
        }
    }

    /** A refresh now (when enabled). */
    synchronized void now() throws IOException {
        if (!enabled) {
            return;
        }
        loadPoints();
        loadOwnership();
        loadPrunes();
        loadIndexes();
        last = repo.options.clock().millis();
    }

    /** Only the prune records: what a commit re-checks after creating its point. */
    synchronized void prunesNow() throws IOException {
        if (enabled) {
            loadPrunes();
        }
    }

    private void loadPoints() throws IOException {
        List<String> listed = repo.backend.list(FileType.POINTS);
        for (String name : listed) {
            if (points.contains(name)) {
                continue;
            }
            String machine = name.substring(0, name.indexOf('/'));
            String id = name.substring(name.indexOf('/') + 1);
            Map<String, PointInfo> known = repo.points.get(machine);
            if (known != null && known.containsKey(id)) { // committed by this node (PointCommitter): not read back
                points.add(name);
                continue;
            }
            try {
                PointFile p = RepositoryFiles.point(repo.backend.read(new Handle(FileType.POINTS, name)), name);
                if (p.info().machine().equals(machine) && p.info().id().equals(id)) {
                    repo.points.computeIfAbsent(machine, m -> new ConcurrentHashMap<>()).put(id, p.info());
                    repo.retention.backlog.keepPointFile(p); // every sweep here asks it again: not to be read again
                }
                points.add(name);
            } catch (NoSuchFileException e) {
                // deleted by another node's retention meanwhile
            } catch (LifeboatException | IllegalArgumentException e) {
                LOG.warn("points/{} is unreadable ({}); skipped", name, e.getMessage());
                points.add(name);
            }
        }
        Set<String> now = new HashSet<>(listed);
        for (String name : new ArrayList<>(points)) {
            if (!now.contains(name)) { // another node's retention deleted it
                points.remove(name);
                Map<String, PointInfo> mine = repo.points.get(name.substring(0, name.indexOf('/')));
                if (mine != null) {
                    mine.remove(name.substring(name.indexOf('/') + 1));
                }
            }
        }
    }

    private void loadOwnership() throws IOException {
        List<String> listed = repo.backend.list(FileType.MACHINES);
        for (String name : listed) {
            if (ownership.contains(name)) {
                continue;
            }
            Set<String> known = repo.blocks.owned.files.get(name.substring(0, name.indexOf('/')));
            if (known != null && known.contains(name)) {
                ownership.add(name); // written by this node's uploads (BlockStore): its blocks are in the table
            } else {
                loadOwnershipFile(name);
            }
        }
        // a machine whose files vanished had them compacted by a prune, which may have dropped some of
        // its blocks: its table is read again from its files as they are now
        Set<String> now = new HashSet<>(listed);
        Set<String> compacted = new HashSet<>();
        for (String name : ownership) {
            if (!now.contains(name)) {
                compacted.add(name.substring(0, name.indexOf('/')));
            }
        }
        for (String machine : compacted) {
            ownership.removeIf(n -> n.startsWith(machine + "/"));
            repo.blocks.owned.release(machine, (id, times) -> true);
            repo.blocks.owned.files.remove(machine);
            for (String name : RepositoryFiles.names(listed, machine)) {
                loadOwnershipFile(name);
            }
        }
    }

    private void loadOwnershipFile(String name) throws IOException {
        ownership.add(name);
        String machine = name.substring(0, name.indexOf('/'));
        try {
            repo.blocks.owned.load(machine, OwnershipCodec.read(repo.backend.read(new Handle(FileType.MACHINES, name)), name));
            repo.blocks.owned.files.computeIfAbsent(machine, m -> ConcurrentHashMap.newKeySet()).add(name);
        } catch (NoSuchFileException e) {
            ownership.remove(name); // compacted away by another node meanwhile: its blocks are in the compacted file
        } catch (LifeboatException | IllegalArgumentException e) {
            LOG.warn("{}; the ownership record is unreadable, skipped", e.getMessage()); // the message names the file
            repo.blocks.owned.unreadRecord();
        }
    }

    private void loadPrunes() throws IOException {
        for (String name : repo.backend.list(FileType.PRUNE)) {
            if (prunes.contains(name)) {
                continue;
            }
            try {
                apply(Condemnation.read(repo.backend, name));
                prunes.add(name);
            } catch (NoSuchFileException e) {
                prunes.add(name); // its packs are deleted: their index files vanish too
            } catch (LifeboatException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
                LOG.warn("prune/{} is unreadable ({}); skipped", name, e.getMessage());
                prunes.add(name);
            }
        }
    }

    /** Stops using a prune's dropped packs; their blocks now count as missing unless a replacement holds them. */
    void apply(Condemnation.Record r) throws IOException {
        prunes.add(r.name());
        repo.blocks.condemned.addAll(r.packs());
        repo.blocks.index.drop(new HashSet<>(r.packs()));
        for (String pack : r.replacements()) {
            registerIndex(pack);
        }
    }

    private void loadIndexes() throws IOException {
        List<String> listed = repo.backend.list(FileType.INDEX);
        for (String name : listed) {
            if (indexes.contains(name) || repo.blocks.condemned.contains(name)) {
                continue;
            }
            if (repo.blocks.index.holdsPack(name)) {
                // this node's upload or repack: a pack is named by the SHA-256 of its blocks' ids, encodings
                // and lengths, so the file lists what the index holds for it already
                indexes.add(name);
            } else {
                registerIndex(name);
            }
        }
        Set<String> now = new HashSet<>(listed);
        Set<String> gone = new HashSet<>();
        for (String name : indexes) {
            if (!now.contains(name)) {
                gone.add(name);
            }
        }
        if (!gone.isEmpty()) { // deleted by a prune: normally dropped already, when its record was read
            repo.blocks.index.drop(gone);
            indexes.removeAll(gone);
        }
    }

    private void registerIndex(String name) throws IOException {
        try {
            repo.blocks.index.register(PackIndexCodec.read(repo.backend.read(new Handle(FileType.INDEX, name)), name), false);
            indexes.add(name);
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        } catch (LifeboatException | IllegalArgumentException e) {
            LOG.warn("index/{} is unreadable ({}); skipped until the next open rebuilds it", name, e.getMessage());
            indexes.add(name);
        }
    }
}
