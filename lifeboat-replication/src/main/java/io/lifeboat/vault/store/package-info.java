/**
 * The vault's state as small JSON files under {@code V/state/}: enrolment tokens (only the SHA-256
 * of each secret; one-time by an atomic rename) and machine records (status and the fingerprints of
 * the certificates issued since the last enrolment). Every write is temp + fsync + rename, so a
 * crash leaves the old or the new file, never half of one; readers need no lock.
 *
 * Read-modify-write of machine records holds a file lock ({@code state/machines/.lock}), so the
 * operator's {@code vault revoke} and a running server's renewal cannot undo each other.
 *
 * The storage policy ({@code V/policy.json}, {@link io.lifeboat.vault.store.PolicyFile}) is written the
 * same way by the operator's commands only and read by the serving vault at every commit and upload.
 *
 * <p>Not given: several vault servers on different hosts sharing one state folder.
 */
package io.lifeboat.vault.store;
