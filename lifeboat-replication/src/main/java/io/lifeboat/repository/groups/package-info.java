/**
 * Consistency groups: several machines, or several sources of one machine, whose points belong
 * together.
 *
 * <p>The algorithm, in the vault: an agent protecting with {@code --group G} asks for G's current
 * round before it snapshots or reads ({@link io.lifeboat.repository.groups.GroupStore#currentRound});
 * the first such request after the last round finished (complete, or past its deadline) opens a new
 * round, with the round timeout of G's newest definition. The agent commits its point as usual, then
 * records it for the round ({@link io.lifeboat.repository.groups.GroupStore#record}). The record
 * that gives every member a point writes the group point. A round whose deadline passes first is
 * incomplete. Everything is a create-once file in the repository's backend ({@code groups/G/}), so
 * it works the same on a local folder or Azure Blob and with several vault processes on one store.
 *
 * <p>What it does not give: one instant across machines. The member points of a group point were
 * each read after the round opened and committed before its deadline, so they lie within one round
 * window (as close as the agents' schedules make them, with each agent's own snapshot or app
 * freeze), not at one frozen moment. Retention deletes closed rounds once a member point they hold
 * is gone (and incomplete ones once a newer round is complete), so the files follow the points
 * kept, not the age of the group.
 *
 * <p>Retention keeps every point the newest complete group point of each group names ({@link
 * io.lifeboat.repository.groups.GroupStore#newestCompletePins}); older group points may lose members
 * to retention, and a failover to them then fails naming the point that is gone.
 */
package io.lifeboat.repository.groups;
