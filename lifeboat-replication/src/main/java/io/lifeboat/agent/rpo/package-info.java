/**
 * Continuous protection to an RPO target ({@code agent protect --rpo 15m}).
 *
 * <p>Design: the vault's RPO clock for a source runs from one commit to the next, and a commit comes
 * one pass after its round starts. So the next round starts {@code 0.9 × target − lastRound / 2}
 * after the last one started: a long pass pulls the next one earlier, a 10% margin absorbs jitter,
 * and when the passes are longer than that allows they run back to back
 * ({@link io.lifeboat.agent.rpo.RpoSchedule}). After every round the agent reports, per source, the
 * RPO it achieved (the time between its last two commits) and the length of its pass to the vault
 * ({@code POST /v1/machines/{m}/rpo}), which shows them beside the RPO it measures itself.
 *
 * <p>Not given: the schedule does not predict a pass that suddenly grows (a big change); the vault's
 * own thresholds and alerts catch that. A report the vault cannot take is logged and dropped.
 */
package io.lifeboat.agent.rpo;
