package io.lifeboat.vault.http;

import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.api.Caller;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health} (also {@code /v1/health}), over mutual TLS: the engine, and the caller's
 * machine and TLS session as the vault sees them.
 */
public final class HealthRoutes {
    private final TlsEngine engine;

    public HealthRoutes(TlsEngine engine) {
        this.engine = engine;
    }

    public void health(RoutingContext ctx) {
        Caller c = Caller.of(ctx);
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("status", "ok")
                .put("engine", engine.id())
                .put("protocol", c.protocol())
                .put("cipherSuite", c.cipherSuite())
                .put("machine", c.machine())
                .put("peer", c.peerAddress())
                .put("fingerprint", c.fingerprint())
                .encode());
    }
}
