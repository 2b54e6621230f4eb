/**
 * The agent's protect pass: turn a file, disk image, block device or directory tree into a
 * recovery point in the vault, sending only what the vault lacks.
 *
 * <p>The algorithm, in ten lines:
 * <ol>
 *   <li>{@code SourceKinds} decides what the path is; {@code SourceReader} reads it to end of file,
 *       cutting each file into fixed {@link io.lifeboat.agent.protect.ProtectOptions#blockSize()}
 *       blocks (32 KiB by default; the reason is on that field) named by SHA-256.</li>
 *   <li>All-zero blocks become zero refs in the manifest: never sent, restored as holes.</li>
 *   <li>A block whose position, length and fingerprint (XXH3-128 keyed with the agent's secret
 *       {@link io.lifeboat.agent.protect.FingerprintKey}) match the agent's record of the source's last
 *       committed point ({@link io.lifeboat.agent.protect.KnownBlocks}) keeps that point's id: it
 *       is neither hashed nor asked about, since the vault holds it (the commit checks).</li>
 *   <li>Every other block goes to the {@code Uploader} thread in windows of 1024 (hashed on all cores;
 *       a file's next group of 256 blocks is read and hashed while the current one is handed over).</li>
 *   <li>Per window it asks the vault "which of these do you lack?" for ids not seen in this pass,</li>
 *   <li>compresses those with zstd where that pays (raw otherwise: a block whose sampled entropy says random is
 *       not even tried) and sends them in ~16 MiB batches, two in flight, from the arrays they were read into
 *       (a window or batch that has waited 250 ms goes as it is, so a few changed blocks travel while the reader goes on);</li>
 *   <li>then the {@link io.lifeboat.agent.protect.Protector} commits the manifest as a point.</li>
 *   <li>{@link io.lifeboat.agent.protect.HttpVaultApi} retries every request with exponential
 *       back-off while the vault is away; {@link io.lifeboat.agent.protect.ProtectLoop} repeats
 *       passes every interval until a {@link io.lifeboat.agent.protect.StopSignal}.</li>
 * </ol>
 *
 * <p>Guarantees: a point names only blocks the vault holds (the vault checks); nothing stored is
 * sent again, after a crash too, because the vault's answer decides what is sent; block data in
 * memory stays within about a group, three windows and two batches, whatever the source size. What grows
 * with the source is per-block bookkeeping: the manifest being built, and the record of the last
 * point plus the one of this pass (52 bytes per block each, in flat arrays).
 *
 * <p>Why the record: an incremental pass over an image reads every block, and SHA-256 of what has
 * not changed was most of its CPU (about 1 s per GiB even 16 lanes at a time, plus the JIT work of
 * getting there). The record is only a shortcut: it is written after a commit (what changed
 * appended to it, {@link io.lifeboat.agent.protect.RecordSegments}, or whole), a damaged one is
 * ignored, a torn last append leaves the point before, {@code agent protect --rehash} drops it, and if the vault no longer holds a block it
 * names (pruned, or another vault) the commit is refused and the pass runs again hashing every
 * block. A changed block is missed only if its keyed 128-bit fingerprint matches the old one: by
 * accident about 1 in 2^128, and not by design without the agent's key (the CRC pair used before
 * was linear: one 9-byte XOR pattern fooled it in any block). rsync, by comparison, skips a file
 * whose size and modification time are unchanged without reading it.
 *
 * <p>Unchanged images and files are not read: before an image or file is read, its stamp (size,
 * mtime and ctime to the nanosecond, inode, device, mode, owner: {@link io.lifeboat.agent.protect.FileStamp},
 * the rule a tree's files follow) is taken, and after the point is committed it is kept with the
 * point's id ({@link io.lifeboat.agent.protect.SourceStampStore}). When the next pass finds the same
 * stamp, recorded for the point the block record describes, it commits that point's blocks again
 * as an unchanged delta without opening the source. The guard is ctime: a program can put mtime
 * back after a write, but the kernel sets ctime on every change of content or inode. What a stamp
 * cannot see is a change within the same clock tick as the stat that recorded it, so a stamp is
 * trusted only when it was settled a second before the pass that took it; the source is read
 * again whenever its last full read is older than {@code --reread-after} (24 h), on {@code
 * --rehash}, and always for a block device (its node's stamp does not change when its blocks are
 * written) or a source read through a snapshot that is another file or device.
 *
 * <p>Consistency: a source read without a snapshot is read as it changes, so its point is labelled
 * {@code live}; with a snapshot provider ({@link io.lifeboat.agent.snapshot}) it is read from the
 * snapshot and labelled {@code crash-consistent}.
 *
 * <p>Not guaranteed: application consistency; hard links stay links (each further link to a file
 * is stored as a copy of it, sharing its blocks, and the pass counts and reports them); xattrs,
 * ACLs, owners and special files in trees (skipped and reported); shifting insertions do not
 * dedupe (fixed blocks, not content-defined chunking).
 */
package io.lifeboat.agent.protect;
