package io.lifeboat.cli.vault;

import io.lifeboat.vault.api.VaultRoutes;
import java.util.List;

/**
 * The route sets {@code vault serve} adds to the vault, behind its mutual-TLS authorisation. Each
 * part of Lifeboat that serves an API adds its {@link VaultRoutes} here, one per line.
 */
final class VaultRouteSets {
    private VaultRouteSets() {
    }

    static List<VaultRoutes> all() {
        // the repository on the store vault.json names (VAULT/repo/ or Azure Blob), under its policy
        // (VAULT/policy.json or, for a vault on a store, the store's), its block tables in VAULT/cache/
        // (local disk, whatever the store)
        io.lifeboat.vault.replication.ReplicationRoutes replication = new io.lifeboat.vault.replication.ReplicationRoutes(
                ctx -> io.lifeboat.repository.Repository.open(
                        io.lifeboat.cli.repo.VaultDir.backend(ctx.layout().dir()),
                        io.lifeboat.repository.RepositoryOptions.defaults()
                                .withPolicy(io.lifeboat.cli.repo.VaultDir.policy(ctx.layout().dir())::read)
                                .withTableDir(ctx.layout().cache())));
        return List.of(
                // one route set per line
                replication,
                // consistency groups: files in the same store, points looked up in the replication routes' repository
                new io.lifeboat.vault.groups.GroupRoutes(ctx -> io.lifeboat.cli.repo.VaultDir.backend(ctx.layout().dir()),
                        replication::repository)
        );
    }
}
