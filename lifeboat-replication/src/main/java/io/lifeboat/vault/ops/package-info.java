/**
 * Fleet operations: the recovery point objective (RPO) of every machine and source, its health,
 * and the monitor that turns health changes into events and alerts.
 *
 * <p>Design: health is computed, never stored. {@link io.lifeboat.vault.ops.FleetEvaluator} is a
 * pure function of the machine registry, the repository's points, the thresholds and the time:
 * a source's RPO now is the age of its newest point; it is {@code warning} past the warning
 * threshold and {@code critical} past the critical one; a machine with no point is
 * {@code never-protected}, a revoked one {@code revoked}. A machine's health is its worst source's.
 * Thresholds live in {@code V/ops/rpo.json} (vault-wide and per machine), written atomically by
 * {@code vault rpo} and re-read by the serving vault on every evaluation, so a change applies
 * without a restart. {@link io.lifeboat.vault.ops.RpoMonitor} evaluates on a timer, remembers the
 * last health it announced per machine ({@code V/ops/rpo-state.json}, so a restart does not
 * announce again), and emits {@code rpo-warning}/{@code rpo-critical}/{@code rpo-ok} only on a change.
 *
 * <p>Not given: a source the agent stopped protecting stays listed (with a growing RPO) until its
 * points are pruned; a source is named by the path the agent gave, so a renamed path is a new source.
 */
package io.lifeboat.vault.ops;
