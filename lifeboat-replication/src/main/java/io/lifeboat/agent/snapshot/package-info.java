/**
 * How a protect pass gets a source that holds still while it is read, and so what a point may
 * claim about its consistency.
 *
 * <p>A source read block by block while it is written is not crash-consistent: a file changed
 * between the reads of its first and last block is recorded half old, half new, which no crash
 * could have left. So a point is labelled by how it was taken ({@link
 * io.lifeboat.agent.snapshot.Consistency}): {@code live} for a plain read, {@code
 * crash-consistent} only when it was read from a snapshot. The providers:
 * <ul>
 *   <li>{@link io.lifeboat.agent.snapshot.ReflinkSnapshot}: {@code cp -a --reflink=always} into a
 *       hidden folder beside the source (btrfs, XFS, bcachefs...: a copy that shares blocks, so it
 *       costs metadata only); it fails, with cp's reason, where the file system cannot clone;</li>
 *   <li>{@link io.lifeboat.agent.snapshot.LvmSnapshot}: for a logical volume, {@code lvcreate
 *       --snapshot}, read the snapshot device, {@code lvremove} it;</li>
 *   <li>{@link io.lifeboat.agent.snapshot.ScriptSnapshot}: the operator's pre/post pair (freeze an
 *       application or a file system, or make a snapshot of any kind and print its path).</li>
 * </ul>
 * {@link io.lifeboat.agent.snapshot.AppConsistentSnapshot} wraps any of them with the operator's
 * freeze and thaw scripts, and earns the label {@code app-consistent} only when both succeed.
 * Every provider runs programs through {@link io.lifeboat.agent.snapshot.Commands}, so their
 * command lines are tested without the programs' side effects.
 *
 * <p>Not given: application consistency without the operator's scripts (a database needs its own
 * flush; the label is the scripts' promise); a snapshot of several sources at one instant (each PATH
 * is snapshotted on its own: no consistency groups across sources or machines).
 */
package io.lifeboat.agent.snapshot;
