package io.lifeboat.vault.groups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.api.RequestBody;
import io.lifeboat.vault.api.VaultContext;
import io.lifeboat.vault.api.VaultRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consistency groups as a vault route set (mutual TLS): {@code GET /v1/groups/{group}/round} and
 * {@code POST /v1/groups/{group}/rounds/{round}/members}, run off the event loop. The group files
 * live in the repository's store ({@code store}); the recorded points are looked up in the
 * repository the replication routes serve ({@code repository}), so register this set after them.
 */
public final class GroupRoutes implements VaultRoutes, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<VaultContext, Backend> store;
    private final Supplier<Repository> repository;
    private volatile Backend backend;

    public GroupRoutes(Function<VaultContext, Backend> store, Supplier<Repository> repository) {
        this.store = store;
        this.repository = repository;
    }

    @Override
    public void register(Router router, VaultContext context) {
        backend = store.apply(context);
        GroupService service = new GroupService(GroupStore.on(backend), repository, Clock.systemUTC());
        router.get("/v1/groups/:group/round").blockingHandler(ctx -> answer(ctx,
                () -> service.round(Caller.of(ctx).machine(), ctx.pathParam("group"))), false);
        router.post("/v1/groups/:group/rounds/:round/members").blockingHandler(ctx -> answer(ctx,
                () -> service.record(Caller.of(ctx).machine(), ctx.pathParam("group"), ctx.pathParam("round"),
                        RequestBody.bytes(ctx))), false);
    }

    private static void answer(RoutingContext ctx, Supplier<Map<String, Object>> call) {
        try {
            Map<String, Object> body = call.get();
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(JSON.writeValueAsString(body));
        } catch (GroupRequestException e) {
            ApiErrors.send(ctx, e.status(), e.code(), e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("group request {} from {} failed", ctx.request().path(), Caller.of(ctx).machine(), e);
            ApiErrors.send(ctx, 500, "internal", "vault error: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        Backend b = backend;
        if (b != null) {
            b.close();
        }
    }
}
