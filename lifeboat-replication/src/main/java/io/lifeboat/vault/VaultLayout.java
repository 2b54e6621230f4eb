package io.lifeboat.vault;

import java.nio.file.Path;

/**
 * The files of a vault folder {@code V}:
 * <pre>
 *   V/ca.crt  V/ca.key (0600)          the vault's CA (ECDSA P-256); no ca.key for a vault on a store
 *   V/vault.key (0600)                 a vault on a store: the key that opens the CA key sealed in the store
 *   V/server.crt  V/server.key (0600)  the TLS server certificate (chain: server, CA)
 *   V/vault.json                       {@link VaultConfig}
 *   V/policy.json                      the storage policy: retention, lock period, free-space reserve
 *   V/state/tokens/  V/state/machines/ enrolment tokens (secret hashes only) and machine records
 *   V/run/address                      the bound address while {@code vault serve} runs
 *   V/repo/                            the repository (not the foundation's)
 * </pre>
 */
public record VaultLayout(Path dir) {

    public VaultLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path caKey() {
        return dir.resolve("ca.key");
    }

    /** The vault key of a vault on a store ({@link io.lifeboat.vault.pki.VaultKey}); absent for a vault on its folder. */
    public Path vaultKey() {
        return dir.resolve("vault.key");
    }

    /** This node's id among the nodes of a store, made at its first start ({@code vault serve}). */
    public Path nodeId() {
        return dir.resolve("node-id");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path config() {
        return dir.resolve("vault.json");
    }

    public Path state() {
        return dir.resolve("state");
    }

    public Path tokens() {
        return state().resolve("tokens");
    }

    public Path machines() {
        return state().resolve("machines");
    }

    public Path run() {
        return dir.resolve("run");
    }

    /** Written atomically by {@code vault serve} once it listens, removed when it stops. */
    public Path address() {
        return run().resolve("address");
    }

    /** The storage policy ({@link io.lifeboat.vault.store.PolicyFile}); absent means the defaults. */
    public Path policy() {
        return dir.resolve("policy.json");
    }

    public Path repo() {
        return dir.resolve("repo");
    }

    /**
     * Scratch files of the open repository: its block index and ownership tables, memory-mapped and
     * unlinked as soon as they are made (so the folder looks empty), beside the repository so they are on
     * the vault's disk rather than a RAM-backed temporary folder.
     */
    public Path cache() {
        return dir.resolve("cache");
    }
}
