package io.lifeboat.vault.fleet;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultServer;
import io.lifeboat.vault.api.ServerAddOns;
import io.lifeboat.vault.api.VaultRoutes;
import io.lifeboat.vault.dashboard.DashboardRoutes;
import io.lifeboat.vault.dashboard.LoginTokens;
import io.lifeboat.vault.ops.FleetOps;
import io.lifeboat.vault.replication.ReplicationRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts a vault with fleet operations: the replication observer first among the mutual-TLS route
 * sets, then {@code routes}; {@code /metrics} and the dashboard before the mutual-TLS check; Vert.x
 * instrumented for Micrometer; the RPO monitor running.
 *
 * @param options        the monitor's interval and webhook delivery
 * @param sessionLifetime how long a dashboard sign-in lasts
 */
public record FleetServer(VaultServer server, FleetOps ops) implements AutoCloseable {
    public static final Duration DEFAULT_SESSION = Duration.ofHours(8);

    public static FleetServer start(Vault vault, TlsEngine engine, List<VaultRoutes> routes, FleetOps.Options options,
            Duration sessionLifetime) {
        FleetOps ops = new FleetOps(vault, points(routes), options);
        List<VaultRoutes> all = new ArrayList<>();
        all.add(ops.observer());
        all.add(ops.agentRpoRoutes());
        all.addAll(routes);
        DashboardRoutes dashboard = new DashboardRoutes(ops, new LoginTokens(vault.layout().dir(), vault.clock()),
                vault.clock(), sessionLifetime);
        ServerAddOns addOns = new ServerAddOns(List.of(ops.metricsRoutes(), dashboard), ops.metrics()::instrument);
        VaultServer server;
        try {
            server = VaultServer.start(vault, engine, all, ops.refusals(), addOns);
        } catch (RuntimeException e) {
            ops.close();
            throw e;
        }
        return new FleetServer(server, ops.start());
    }

    /** Every point of the repository the replication routes serve (none before they are registered). */
    private static Supplier<List<PointInfo>> points(List<VaultRoutes> routes) {
        Optional<ReplicationRoutes> replication = routes.stream().filter(ReplicationRoutes.class::isInstance)
                .map(ReplicationRoutes.class::cast).findFirst();
        return () -> {
            Repository r = replication.map(ReplicationRoutes::repository).orElse(null);
            return r == null ? List.of() : r.points(Optional.empty());
        };
    }

    /** Stops the server first (no more requests), then the fleet operations. */
    @Override
    public void close() {
        server.close();
        ops.close();
    }
}
