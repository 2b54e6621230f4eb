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
 * <p>Guarantees: no byte that fails its hash is ever written; the repository is only read (open it
 * read-only and nothing the vault keeps can change). Not guaranteed: a folder restore that fails midway
 * leaves the part already written; owners, ACLs, extended attributes, hard links and special files
 * are not restored (the kernel drops setgid on a file whose group its restoring user is not in; a
 * restore as root keeps it); with force, files already in a target folder that the point does not
 * hold are left alone.
 */
package io.lifeboat.restore;
