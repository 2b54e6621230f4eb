package io.lifeboat.repository;

import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A commit's side of the prune rule on a store shared by several nodes. Before the manifest is checked,
 * the node refreshes what it knows ({@link StoreRefresh#now}), so blocks another node stored count and
 * packs a prune dropped do not; while it is checked, the packs holding its blocks are noted; after the
 * point file is created, the prune records are read again, and if a prune dropped one of those packs
 * meanwhile the point is deleted again and the commit fails as a commit of missing blocks (the agent
 * then uploads them again and commits). A prune deletes a dropped pack only after the safety margin
 * and only if no point names a block that pack alone holds, so a point that passed this check keeps
 * its blocks. On a store with one writer this does nothing.
 */
final class CommitGuard {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommitGuard.class);

    private final Repository repo;
    private final String machine;
    private final boolean shared;
    /** The packs holding the point's blocks (a few per GiB of changes, not per block), each with one of them. */
    private final Map<String, BlockId> packs = new ConcurrentHashMap<>();

    CommitGuard(Repository repo, String machine) {
        this.repo = repo;
        this.machine = machine;
        this.shared = repo.refresh.enabled();
    }

    /** Before the check: learn what other nodes stored and pruned. */
    void before() throws IOException {
        if (shared) {
            repo.refresh.now();
        }
    }

    /** Whether the machine has the block, noting the pack that holds it. */
    ManifestCheck.Blocks has() {
        if (!shared) {
            return id -> repo.blocks.has(machine, id);
        }
        return id -> {
            if (!repo.blocks.has(machine, id)) {
                return false;
            }
            Pack.Location loc = repo.blocks.index.get(id);
            if (loc == null) {
                return false;
            }
            packs.putIfAbsent(loc.pack(), id);
            return true;
        };
    }

    /**
     * After the point file was created: when a prune dropped a pack the point needs meanwhile, deletes
     * the point file again and throws.
     *
     * @throws MissingBlocksException naming a block of a dropped pack
     */
    void after(Handle pointFile, PointInfo info) throws IOException {
        if (!shared) {
            return;
        }
        repo.refresh.prunesNow();
        List<BlockId> lost = new ArrayList<>();
        packs.forEach((pack, id) -> {
            if (repo.blocks.condemned.contains(pack)) {
                lost.add(id);
            }
        });
        if (lost.isEmpty()) {
            return;
        }
        repo.backend.delete(pointFile);
        LOG.warn("a prune on another node dropped {} pack(s) holding blocks of point {} of machine {} while the commit"
                + " was checked; the point is withdrawn and the agent uploads those blocks again", lost.size(), info.id(), machine);
        throw new MissingBlocksException(machine, null, lost);
    }
}
