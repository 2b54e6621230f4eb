package io.lifeboat.repository;

import java.util.List;

/**
 * What a prune decided and did.
 *
 * @param decisions     every point in scope with its verdict and reasons (per machine and source, newest first)
 * @param removed       the points deleted (empty on a dry run)
 * @param dryRun        nothing was deleted
 * @param packsDeleted  pack files none of whose blocks anything needs any more
 * @param packsRepacked pack files rewritten without their dead blocks
 * @param packsWaiting  pack files whose deletion waits until no reader (verify, failover) is open
 */
public record PruneReport(List<RetentionPlan.Decision> decisions, List<PointInfo> removed, boolean dryRun,
        int packsDeleted, int packsRepacked, int packsWaiting) {
    public PruneReport {
        decisions = List.copyOf(decisions);
        removed = List.copyOf(removed);
    }

    /** The points the prune deletes (or, on a dry run, would delete). */
    public List<PointInfo> dropped() {
        return decisions.stream().filter(d -> d.verdict() == RetentionPlan.Verdict.DROP).map(RetentionPlan.Decision::point).toList();
    }
}
