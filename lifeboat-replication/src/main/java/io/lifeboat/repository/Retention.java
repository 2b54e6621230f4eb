package io.lifeboat.repository;

import io.lifeboat.repository.RetentionPlan.Decision;
import io.lifeboat.repository.RetentionPlan.Verdict;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention and pruning, under the repository's exclusive lock, in an order that is safe to
 * interrupt at any step:
 * <ol>
 *   <li>delete the point files {@link RetentionPlan} drops (per machine and source, by the vault's
 *       policy; never one younger than the lock period, unless an operator's prune says so);</li>
 *   <li>drop the machine's ownership of blocks no remaining point names, unless uploaded or confirmed
 *       present within the grace period (they belong to a point being uploaded): write one compacted
 *       ownership file, then delete the old ones (on a full disk the compaction is skipped: the blocks
 *       are released in memory and the old records, which only claim more, stay);</li>
 *   <li>drop packs none of whose blocks is owned by any machine or named by any point, and repack
 *       packs that are more than half dead or hold a damaged copy of a block stored again since (new
 *       pack and index first); the dropped packs' index and pack files are deleted once no reader is
 *       open ({@link ReaderGate}); after a commit, normally only the packs of the blocks step 2
 *       released are looked at, a prune and a process's first run walk every indexed block
 *       ({@link Sweep}, {@link SweepBacklog});</li>
 *   <li>delete the machine's manifest chunks that no remaining point names and that are older than the
 *       grace period (younger ones may belong to a commit under way), also only once no reader is open
 *       (readers read a point's chunks as they go).</li>
 * </ol>
 * A crash between steps leaves more than needed, never less: the next run finishes the job (a
 * process's first run for each machine always sweeps, and its first sweep walks every indexed block;
 * see {@code sweepOwed} for when a run skips steps 2 to 4). The
 * selection of points is {@link RetentionPlan}'s, step 1 and the consistency groups' pins and rounds
 * are here, and steps 2 to 4, the mark and sweep of blocks, are {@link Sweep}'s.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Repository repo;
    private final Sweep sweep;

    Retention(Repository repo) {
        this.repo = repo;
        this.sweep = new Sweep(repo);
    }

    /**
     * After a commit of {@code machine}: the vault's policy and lock period, then the sweep. On a shared
     * store only while this node can take the prune lease; when another node holds it, retention waits
     * for this machine's next commit.
     */
    void apply(String machine) throws IOException {
        StoragePolicy policy = repo.options.policy().get();
        Optional<PruneLease> lease = PruneLease.tryTake(repo.backend, repo.refresh.enabled());
        if (lease.isEmpty()) {
            LOG.debug("another node is pruning {}; retention for machine {} waits for its next commit", repo.location(), machine);
            return;
        }
        repo.rw.writeLock().lock();
        try (PruneLease held = lease.get()) {
            repo.refresh.now();
            List<Decision> plan = RetentionPlan.decide(repo.points(Optional.of(machine)), policy::retentionOf,
                    policy.lockPeriod(), repo.options.clock().instant(), groupPins());
            List<PointInfo> drop = dropped(plan);
            deletePoints(drop);
            pruneGroupRounds();
            if (drop.isEmpty() && !sweepOwed(machine)) {
                return; // nothing to free that the machine's last sweep did not already look at
            }
            repo.retention.swept.remove(machine); // until this sweep has run whole
            sweep.run(List.of(machine), true);
            repo.retention.swept.add(machine);
        } finally {
            repo.rw.writeLock().unlock();
        }
    }

    /**
     * Whether a run that drops no point must still sweep: the sweep walks the machine's blocks and reads
     * every point of the machine (its block filter, or its manifest), so a run whose plan drops nothing skips it once a sweep of the
     * machine has run whole in this process (a crash or an earlier failure may have left work from
     * before) and nothing waits for one (packs left for a reader, a damaged copy to repack). On a
     * store several nodes share, always: deletions wait for the margin there and are done by sweeps.
     * Skipping only leaves more on disk: what it leaves (blocks of uploads never committed, once
     * past the grace period) is collected by the next sweep, after a point is dropped or by a prune.
     */
    private boolean sweepOwed(String machine) {
        return !repo.retention.swept.contains(machine) || repo.refresh.enabled() || !repo.gate.pending.isEmpty()
                || !repo.blocks.superseded.isEmpty();
    }

    /**
     * The retention a commit of {@code machine} owes ({@link RetentionQueue}): group commit first
     * (retention reads index files: none may be only staged), then {@link #apply}. A failure is
     * logged, never thrown: the point is committed, and the machine's next commit runs it again.
     */
    static void afterCommit(Repository repo, String machine) {
        try {
            repo.blocks.sync.syncAll();
            new Retention(repo).apply(machine);
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention for machine {} failed (its points are committed; it runs again after its next commit): {}",
                    machine, e.toString());
        }
    }

    /** An operator's prune; see {@link Repository#prune}. */
    PruneReport prune(PruneRequest req) throws IOException {
        StoragePolicy policy = repo.options.policy().get();
        PruneLease lease = req.dryRun() ? null : PruneLease.take(repo.backend, repo.refresh.enabled());
        repo.rw.writeLock().lock();
        try {
            repo.refresh.now();
            List<PointInfo> scope = repo.points(req.machine());
            Set<String> unknown = new HashSet<>(req.points());
            scope.forEach(p -> unknown.remove(p.id()));
            if (!unknown.isEmpty()) {
                throw new NotFoundException("no point " + String.join(", ", unknown.stream().sorted().toList())
                        + req.machine().map(m -> " of machine " + m).orElse("") + " in " + repo.location()
                        + " (see `lifeboat points`); nothing was deleted");
            }
            Duration lock = req.ignoreLockPeriod() ? Duration.ZERO : policy.lockPeriod();
            List<Decision> plan = new ArrayList<>();
            Map<String, String> pins = groupPins();
            for (Decision d : RetentionPlan.decide(scope, policy::retentionOf, lock, repo.options.clock().instant(), pins)) {
                // a point the newest group point names is kept even when named: that group point must stay whole
                plan.add(req.points().contains(d.point().id()) && !pins.containsKey(d.point().machine() + "/" + d.point().id())
                        ? new Decision(d.point(), Verdict.DROP, List.of("named by the operator")) : d);
            }
            List<PointInfo> drop = dropped(plan);
            if (req.dryRun()) {
                return new PruneReport(plan, List.of(), true, 0, 0, repo.gate.pending.size());
            }
            deletePoints(drop);
            pruneGroupRounds();
            sweep.run(req.machine().map(List::of).orElseGet(() -> new ArrayList<>(repo.blocks.owned.machines())), false);
            return new PruneReport(plan, drop, false, sweep.packsDeleted(), sweep.packsRepacked(), repo.gate.pending.size());
        } finally {
            repo.rw.writeLock().unlock();
            if (lease != null) {
                lease.close();
            }
        }
    }

    /**
     * The points the newest complete group point of each consistency group names: kept whatever the
     * policy says. A group file that cannot be read fails the retention run (nothing is deleted)
     * rather than risk deleting a member of the newest group point.
     */
    private Map<String, String> groupPins() {
        return io.lifeboat.repository.groups.GroupStore.on(repo.backend).newestCompletePins();
    }

    /**
     * Deletes the consistency-group rounds of no more use ({@code GroupStore.pruneRounds}: a member
     * point gone, or incomplete with a newer complete round). A failure is logged: the rounds stay
     * and the next run tries again; no point depends on them.
     */
    private void pruneGroupRounds() {
        try {
            int n = io.lifeboat.repository.groups.GroupStore.on(repo.backend).pruneRounds((machine, id) -> {
                Map<String, PointInfo> mine = repo.points.get(machine);
                return mine != null && mine.containsKey(id);
            });
            if (n > 0) {
                LOG.info("retention removed {} consistency-group round(s) no failover can use", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention could not remove old consistency-group rounds (they stay; next run tries again): {}",
                    e.toString());
        }
    }

    private static List<PointInfo> dropped(List<Decision> plan) {
        return plan.stream().filter(d -> d.verdict() == Verdict.DROP).map(Decision::point).toList();
    }

    private void deletePoints(List<PointInfo> drop) throws IOException {
        for (PointInfo p : drop) {
            repo.backend.delete(new Handle(FileType.POINTS, p.machine() + "/" + p.id()));
            Map<String, PointInfo> mine = repo.points.get(p.machine());
            if (mine != null) {
                mine.remove(p.id());
            }
        }
    }

}
