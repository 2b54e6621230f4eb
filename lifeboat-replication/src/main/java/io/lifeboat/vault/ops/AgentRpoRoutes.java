package io.lifeboat.vault.ops;

import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.api.RequestBody;
import io.lifeboat.vault.api.VaultContext;
import io.lifeboat.vault.api.VaultRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /v1/machines/{machine}/rpo} (mutual TLS, the caller's own machine only): an agent's
 * RPO report, kept in memory per machine and source for the fleet view and metrics. Bounded: at
 * most 64 sources per report, 256 per machine.
 */
final class AgentRpoRoutes implements VaultRoutes {
    private final Map<String, Map<String, AgentRpo>> reports;
    private final Clock clock;

    AgentRpoRoutes(Map<String, Map<String, AgentRpo>> reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public void register(Router router, VaultContext context) {
        router.post("/v1/machines/:machine/rpo").handler(this::report);
    }

    private void report(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (!caller.machine().equals(ctx.pathParam("machine"))) {
            ApiErrors.send(ctx, 403, "forbidden", "machine " + caller.machine() + " may not act for machine "
                    + ctx.pathParam("machine"));
            return;
        }
        if (RequestBody.refusedAsTooLargeForSmallJson(ctx, "RPO report")) {
            return;
        }
        try {
            JsonObject body = new JsonObject(io.vertx.core.buffer.Buffer.buffer(RequestBody.bytes(ctx)));
            Duration target = Duration.ofSeconds(body.getLong("targetSeconds"));
            JsonArray sources = body.getJsonArray("sources");
            if (target.isNegative() || sources == null || sources.size() > 64) {
                throw new IllegalArgumentException("targetSeconds and at most 64 sources are required");
            }
            Map<String, AgentRpo> mine = reports.computeIfAbsent(caller.machine(), k -> new ConcurrentHashMap<>());
            for (int i = 0; i < sources.size(); i++) {
                JsonObject s = sources.getJsonObject(i);
                String source = s.getString("source");
                Long achieved = s.getLong("achievedSeconds");
                if (source == null || source.length() > 4096 || (mine.size() >= 256 && !mine.containsKey(source))) {
                    throw new IllegalArgumentException("a source path is missing, too long, or one too many");
                }
                mine.put(source, new AgentRpo(target, achieved == null ? null : Duration.ofSeconds(achieved),
                        Duration.ofSeconds(s.getLong("lastPassSeconds", 0L)), clock.instant()));
            }
            ctx.response().setStatusCode(204).end();
        } catch (RuntimeException e) {
            ApiErrors.send(ctx, 400, "bad_request", "RPO report refused: " + e.getMessage());
        }
    }
}
