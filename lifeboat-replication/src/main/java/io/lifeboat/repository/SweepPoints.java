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
 *
 * <p>On a shared store the files read are also kept for the next runs ({@link SweepBacklog#pointFiles}):
 * every sweep there walks whole and asks every kept point of every machine again, a GET each. That is
 * as safe across runs as within one, for the reasons above: a held file is used only for a point
 * {@link Repository#points} lists now (refreshed before each sweep, so a point another node withdrew or
 * retention dropped is not asked and its held file names nothing), and only when the listed point's
 * record equals the held file's (a name made again, a time to the second and 32 random bits alike, is
 * read afresh). Files of points no longer listed are forgotten when a run starts, so a dropped point's
 * file neither keeps blocks alive nor stays in memory. A point found gone is not kept across runs.
 */
final class SweepPoints {
    private final Repository repo;
    /** Whether other nodes may remove point files (a shared store): then a missing one was withdrawn. */
    private final boolean othersRemove;
    private final Map<String, Optional<PointFile>> read = new HashMap<>();
    /** Files kept from earlier runs and for later ones, by {@code machine/id} (a shared store), else null. */
    private final Map<String, PointFile> kept;

    /** For one run of a store this vault alone writes: nothing kept across runs. */
    SweepPoints(Repository repo, boolean othersRemove) {
        this(repo, othersRemove, null);
    }

    /**
     * For one run that uses and adds to {@code kept}, the files earlier runs read (null: none kept);
     * first forgets those of points {@link Repository#points} does not list now as their files say.
     */
    SweepPoints(Repository repo, boolean othersRemove, Map<String, PointFile> kept) {
        this.repo = repo;
        this.othersRemove = othersRemove;
        this.kept = kept;
        if (kept != null && !kept.isEmpty()) {
            Map<String, PointInfo> live = new HashMap<>();
            for (PointInfo p : repo.points(Optional.empty())) {
                live.put(p.machine() + "/" + p.id(), p);
            }
            kept.entrySet().removeIf(e -> !e.getValue().info().equals(live.get(e.getKey())));
        }
    }

    /**
     * The point's file, read at its first ask in this sweep; empty when it was gone by then on a shared
     * store (withdrawn). Throws {@link NotFoundException} for a missing file on a store of this vault alone.
     */
    Optional<PointFile> file(PointInfo p) throws IOException {
        String name = p.machine() + "/" + p.id();
        Optional<PointFile> held = read.get(name);
        if (held == null) {
            PointFile before = kept == null ? null : kept.get(name);
            try {
                if (before != null && before.info().equals(p)) {
                    held = Optional.of(before);
                } else {
                    held = Optional.of(repo.manifests.pointFile(p.machine(), p.id()));
                    if (kept != null && held.get().info().equals(p)) {
                        kept.put(name, held.get());
                    }
                }
            } catch (NotFoundException e) {
                if (!othersRemove) {
                    throw e;
                }
                held = Optional.empty();
                if (kept != null) {
                    kept.remove(name);
                }
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
