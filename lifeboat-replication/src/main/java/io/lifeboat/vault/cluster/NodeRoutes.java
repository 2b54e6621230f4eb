package io.lifeboat.vault.cluster;

import io.lifeboat.vault.api.ApiErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /v1/nodes} (mutual TLS): the vault's live nodes, so agents can move to another when one is away. */
public final class NodeRoutes {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault");

    private final Membership membership;

    public NodeRoutes(Membership membership) {
        this.membership = membership;
    }

    public void register(Router router) {
        router.get("/v1/nodes").blockingHandler(this::nodes, false); // a store listing: not on the event loop
    }

    private void nodes(RoutingContext ctx) {
        try {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("nodes", NodesJson.of(membership.nodes())).encode());
        } catch (RuntimeException e) {
            LOG.warn("cannot list the vault's nodes: {}", e.toString());
            ApiErrors.send(ctx, 503, "store_unavailable", "the vault cannot read its node list from the store: " + e.getMessage());
        }
    }
}
