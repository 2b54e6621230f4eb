/**
 * Failover: materialise a recovery point at a target path.
 *
 * <p>The algorithm: look up the point ("latest" by default) and its manifest; check the manifest's paths
 * and sizes again (a vault's files are data, not trusted code); refuse a non-empty target without force;
 * then for every block in order, read it from the repository, check its SHA-256 and length, and only
 * then write it. All-zero blocks are holes in a file (the result is sparse) and zeros on a device.
 * A single-file point is written to a hidden {@code .NAME.lifeboat-partial} next to the target and
 * renamed over it at the end, so the target never holds half a restore. A folder tree is restored in
 * place: folders, files, symlinks, then folder modes and mtimes deepest first. Modes keep all 12
 * bits (setuid, setgid, sticky; 0 is restored as 0), mtimes their nanoseconds (a symlink's its
 * microseconds, all the JDK can set on a link). A test failover reads the target back and checks
 * every block, mode and mtime again, and fails naming the first path that differs.
 *
 * <p>In place (failback): forced onto a file or block device that holds data, or a folder that
 * does, the target is read and each block hashed locally (SHA-256 against the point's block id,
 * zeros against zeros); only blocks that differ are fetched, verified and written, files that
 * match are left alone (metadata corrected), and paths the point lacks are listed (removed only
 * with deleteExtra). Before the first change, {@code NAME.lifeboat-incomplete} is written beside
 * the target; it goes only once the target has been read back whole and matched the point. While
 * it stands, failover refuses the target without force and says it may mix two points; a rerun
 * compares again, so it finishes without fetching what was already written.
 *
 * <p>A group failover ({@link io.lifeboat.restore.GroupFailover}) restores every member point of one
 * group point at once, each exactly as above, to the targets a {@link io.lifeboat.restore.TargetMap}
 * names; a member without a target, or a target naming no member, stops it before anything is written.
 *
 * <p>Guarantees: no byte that fails its hash is ever written; the repository is only read (open it
 * read-only and nothing the vault keeps can change); a target changed in place is never left mixing
 * two points without its marker (nor a fresh folder tree cut off midway: it is marked too, and a
 * rerun with force finishes it in place; a block device's marker is kept in the folder the caller
 * names, since {@code /dev} does not survive a reboot). Not guaranteed: a block device's marker is
 * found only by a failover given the same marker folder; a file with other hard links is changed for all of them; owners, ACLs, extended
 * attributes, hard links and special files are not restored (the kernel drops setgid on a file
 * whose group its restoring user is not in; a restore as root keeps it).
 */
package io.lifeboat.restore;
