/**
 * The vault: its folder ({@link io.lifeboat.vault.VaultLayout}), the operator's operations
 * ({@link io.lifeboat.vault.Vault}: init, join, enroll, machines, revoke) and the HTTPS server
 * ({@link io.lifeboat.vault.VaultServer}).
 *
 * <p>Identity: the vault's CA (ECDSA P-256) signs a server certificate and, from CSRs, short-lived
 * machine certificates; a machine's identity is its certificate. Enrolment redeems a one-time
 * token (only the secret's hash is stored; expiry and the machine name are checked; the atomic
 * rename of the token file makes it one-time). Every other request is authorised from the client
 * certificate against the machine registry, which is read per request, so a revocation applies
 * from the next request on, also while the server runs.
 *
 * <p>Subpackages: {@code api} (the extension point other parts code against), {@code http} (the
 * vault's own routes and the authorisation handler), {@code store} (tokens, machine records and policy,
 * on the folder's files or in the repository's store), {@code pki} (issuing; the CA key sealed for a
 * store), {@code cluster} (several nodes on one store: announcements and the node list).
 *
 * <p>A vault on a store ({@code vault init --store}, {@code vault join}) keeps its state in the store
 * and only this node's files in the folder: its server certificate, {@code vault.key} (which opens the
 * CA key sealed in the store) and {@code vault.json}; any number of nodes serve the same machines.
 *
 * <p>Not given: a CRL or OCSP for third parties (revocation is the vault's own registry), several
 * vault processes sharing one state folder (several nodes share a store instead).
 */
package io.lifeboat.vault;
