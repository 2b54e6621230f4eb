package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The point files one {@link Sweep} reads, each read once in it. Three of its steps ask every kept
 * point: the release of its machine's blocks, the look for blocks no machine owns ({@link PackTally#whole})
 * and the sweep of manifest chunks; on Azure Blob each asked once a GET of the same few hundred bytes.
 *
 * <p>Why holding them cannot make the sweep keep too little: a point file is created once under a name
 * that carries its time and a random suffix and is never rewritten (a retried commit makes a new name),
 * so the file held under a name is what a later read of that name would give. What can change while a
 * sweep runs is only that a point file goes: another node's commit check withdraws a point whose pack a
 * prune dropped ({@link CommitGuard}). The sweep then still counts what the held file names, so it keeps
 * blocks and chunks a later sweep collects; it never writes a point file, and which points exist comes
 * from {@link Repository#points} (the refresh forgets a withdrawn one), so nothing withdrawn comes back.
 * On a shared store a point whose file is gone at its first read names nothing: another node withdrew
 * or retired it, so it is not a committed point any more. On a store this vault alone writes no one
 * else removes point files, so a missing one is damage (an administrator's hand, a bad disk): the sweep
 * stops on it rather than drop the blocks the point named, as it always has.
 *
 * <p>Lives for one run and on its thread only (readers of points never see it). Its memory is that of the
 * point files, about 90 bytes a manifest chunk of some 110,000 blocks: far below the sweep's own tables.
 */
final class SweepPoints {
    private final Repository repo;
    /** Whether other nodes may remove point files (a shared store): then a missing one was withdrawn. */
    private final boolean othersRemove;
    private final Map<String, Optional<PointFile>> read = new HashMap<>();

    SweepPoints(Repository repo, boolean othersRemove) {
        this.repo = repo;
        this.othersRemove = othersRemove;
    }

    /**
     * The point's file, read at its first ask in this sweep; empty when it was gone by then on a shared
     * store (withdrawn). Throws {@link NotFoundException} for a missing file on a store of this vault alone.
     */
    Optional<PointFile> file(PointInfo p) throws IOException {
        String name = p.machine() + "/" + p.id();
        Optional<PointFile> held = read.get(name);
        if (held == null) {
            try {
                held = Optional.of(repo.manifests.pointFile(p.machine(), p.id()));
            } catch (NotFoundException e) {
                if (!othersRemove) {
                    throw e;
                }
                held = Optional.empty();
            }
            read.put(name, held);
        }
        return held;
    }

    /** The files of the given points, in their order, leaving out those gone (withdrawn) by their first read. */
    List<PointFile> files(List<PointInfo> points) throws IOException {
        List<PointFile> out = new ArrayList<>(points.size());
        for (PointInfo p : points) {
            file(p).ifPresent(out::add);
        }
        return out;
    }
}
