/**
 * The vault's storage: a restic-like repository of recovery points over a {@link
 * io.lifeboat.repository.backend.Backend}.
 *
 * <p>How it works, in ten lines:
 * <ol>
 *   <li>A block is named by the SHA-256 of its uncompressed bytes ({@link io.lifeboat.repository.BlockId}).</li>
 *   <li>{@code putBlocks} decodes each body (zstd within a hard size bound), re-hashes it and refuses a mismatch.</li>
 *   <li>New blocks go into a pack ({@code data/}), then the pack's index ({@code index/}), then an ownership
 *       record for the machine ({@code machines/<m>/}), each created atomically; these three are written
 *       behind and made durable in groups ({@link io.lifeboat.repository.PackSync}) before any point can
 *       name the blocks, every other file durably when created.</li>
 *   <li>A block another machine stored is not written twice, but the asking machine must upload it to own it:
 *       {@code missing} answers only from the asking machine's ownership, so it reveals nothing of others.</li>
 *   <li>A manifest is stored as bounded chunks ({@code manifests/<m>/<time>-<sha256>}, {@link
 *       io.lifeboat.repository.ManifestChunker}), each checked as it arrives; {@code commitPoint} reads the
 *       chunks it is given in order, holds the whole manifest to the rules, checks every non-zero block is
 *       owned and indexed, then creates one small file {@code points/<m>/<id>} listing them: the point is
 *       visible exactly when that create succeeds. A point sent as a delta is built by the vault from its
 *       parent's manifest and held to the same whole-manifest check as it is built, once ({@link
 *       io.lifeboat.repository.DeltaCommit}). Only point infos stay in memory; manifests are read
 *       chunk by chunk ({@link io.lifeboat.repository.ManifestVisitor}).</li>
 *   <li>Retention keeps points per (machine, source) by the vault's policy, never deletes one younger than the
 *       lock period, and prunes blocks and manifest chunks nothing needs (see {@link
 *       io.lifeboat.repository.RetentionPlan}, {@link io.lifeboat.repository.Retention}); only the operator's
 *       {@code prune} deletes sooner.</li>
 *   <li>Reads and {@code verify} check each record header, decode within the bound and re-hash.</li>
 *   <li>On open, a writer takes the OS lock (freed by the kernel when it dies), removes temporaries and
 *       re-indexes packs whose index is missing; a reader holds a shared lock that defers pack deletions.
 *       On a store shared by several nodes (Azure Blob) each writer leaves a presence record instead,
 *       learns the others' files as it needs them ({@link io.lifeboat.repository.StoreRefresh}), and
 *       prunes under a lease by the safety-margin rule ({@link io.lifeboat.repository.SharedPrune},
 *       {@link io.lifeboat.repository.CommitGuard}).</li>
 *   <li>A block found damaged counts as missing from then on; the next upload of it stores a fresh copy.</li>
 *   <li>Where each block lies and who owns it are {@link io.lifeboat.repository.BlockTable}s: hash tables in
 *       memory-mapped files, built at open from {@code index/} and {@code machines/} and unlinked at once, so
 *       the vault's heap does not grow with the blocks it stores; which blocks a pack holds is read from its
 *       {@code index/} file when retention or verify needs it.</li>
 * </ol>
 *
 * <p>What it does <em>not</em> guarantee: blocks are not encrypted at rest (the vault's disk is
 * trusted); blocks accepted since the last group sync are lost by a crash (never those of a
 * committed point: they count as missing afterwards and are sent again); only one process may write a
 * repository in a local folder at a time (an OS lock on {@code write.lock}; a shared store has several,
 * see {@code docs/repository-format.md}); a point
 * can only be restored while its blocks are intact, so a damaged pack loses the blocks in it until a
 * machine uploads them again ({@code verify} tells which points are affected); pruning keeps blocks
 * uploaded within the grace period even if no point names them, and manifest chunks no point names for as
 * long; a reader that stays open keeps dropped packs and manifest chunks on disk until it closes (a point
 * file may still go: failing over a point retention just removed fails, naming it); the lock period
 * protects points from retention, not from an operator's {@code prune --point} or from someone with the
 * vault's own disk; the block index and ownership are not kept across restarts (an open reads every
 * {@code index/} and {@code machines/} file into its tables, so opening takes time that grows with the
 * blocks stored; a failover's read-only open reads the {@code machines/} files of the machines it
 * restores only, but every {@code index/} file) and their tables cost the local disk about 85-170 bytes per block and per owner, in
 * the page cache while used; retention's mark phase holds the blocks that could die and reads every
 * remaining manifest of the machine, so its time grows with them.
 */
package io.lifeboat.repository;
