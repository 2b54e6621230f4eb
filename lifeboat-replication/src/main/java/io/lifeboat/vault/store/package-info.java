/**
 * The vault's state: enrolment tokens (only the SHA-256 of each secret; one-time), machine records
 * (status and the fingerprints of the certificates issued since the last enrolment) and the storage
 * policy, behind {@link io.lifeboat.vault.store.MachineRegistry}, {@link io.lifeboat.vault.store.TokenStore}
 * and {@link io.lifeboat.vault.store.PolicyStore} ({@link io.lifeboat.vault.store.VaultState} holds one of each).
 *
 * <p>On the vault's folder (the embedded default): small JSON files under {@code V/state/} and
 * {@code V/policy.json}, every write temp + fsync + rename, so a crash leaves the old or the new file;
 * read-modify-write of machine records holds a file lock ({@code state/machines/.lock}), so the
 * operator's {@code vault revoke} and a running server's renewal cannot undo each other. A token is
 * spent by an atomic rename.
 *
 * <p>In the repository's store (a vault made with {@code vault init --store}): records under
 * {@code state/} shared by every vault node on the store. New records are created create-only; a
 * change reads the record with its version and replaces it only if the version is unchanged
 * ({@link io.lifeboat.repository.backend.Backend#replace}), reading again and re-applying the change
 * when another node was first. A token is spent by creating {@code state/tokens-used/<id>} create-only:
 * of two nodes, exactly one succeeds. Machine records are read on every authorisation, uncached.
 *
 * <p>Not given: transactions across records (an enrolment spends the token, then writes the machine: a
 * crash between the two leaves a spent token and no machine, and the operator makes a new token); a
 * record damaged by hand is refused with its name, not repaired.
 */
package io.lifeboat.vault.store;
