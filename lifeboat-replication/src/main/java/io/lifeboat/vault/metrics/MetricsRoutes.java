package io.lifeboat.vault.metrics;

import io.lifeboat.vault.api.VaultContext;
import io.lifeboat.vault.api.VaultRoutes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}, registered before the mutual-TLS check: a request with
 * {@code Authorization: Bearer TOKEN} is served when the token is current; any other request is
 * handed to the vault's mutual-TLS authorisation (which answers 401/403 itself) and served only
 * when that lets it through.
 */
public final class MetricsRoutes implements VaultRoutes {
    private final VaultMetrics metrics;
    private final MetricsToken token;
    private final Handler<RoutingContext> mutualTls;

    public MetricsRoutes(VaultMetrics metrics, MetricsToken token, Handler<RoutingContext> mutualTls) {
        this.metrics = metrics;
        this.token = token;
        this.mutualTls = mutualTls;
    }

    @Override
    public void register(Router router, VaultContext context) {
        router.get("/metrics").handler(ctx -> {
            String auth = ctx.request().getHeader("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String presented = auth.substring(7).trim();
                ctx.vertx().executeBlocking(() -> token.accepts(presented), false).onComplete(ok -> {
                    if (ok.succeeded() && ok.result()) {
                        ctx.next();
                    } else {
                        refuse(ctx);
                    }
                });
                return;
            }
            mutualTls.handle(ctx);
        }).blockingHandler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(metrics.scrape()), false);
    }

    private static void refuse(RoutingContext ctx) {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"lifeboat-metrics\"")
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("a current token from `lifeboat vault metrics-token` is needed\n");
    }
}
