package io.lifeboat.vault.api;

import io.vertx.core.VertxBuilder;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What fleet operations add to the vault's server besides the mutual-TLS route sets.
 *
 * @param ownAuthentication route sets registered <em>before</em> the mutual-TLS authorisation (the
 *                          dashboard for a browser, {@code /metrics} for Prometheus): each route must
 *                          authenticate every request itself (session, bearer token) and fail closed;
 *                          only paths outside {@code /v1/} and {@code /health} are allowed
 * @param vertx             applied to the server's Vert.x builder (metrics)
 */
public record ServerAddOns(List<VaultRoutes> ownAuthentication, UnaryOperator<VertxBuilder> vertx) {
    public static final ServerAddOns NONE = new ServerAddOns(List.of(), b -> b);

    public ServerAddOns {
        ownAuthentication = List.copyOf(ownAuthentication);
    }
}
