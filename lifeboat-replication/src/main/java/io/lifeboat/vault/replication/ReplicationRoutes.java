package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.Limits;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.RetentionTiming;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.api.RequestBody;
import io.lifeboat.vault.api.VaultContext;
import io.lifeboat.vault.api.VaultRoutes;
import io.lifeboat.vault.store.PolicyFile;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The replication API as a vault route set: every request under {@code /v1/machines/} is handed,
 * off the event loop (unordered blocking handlers, so uploads of several agents run side by side),
 * to {@link ReplicationRequests} with the {@link Caller} the vault's mutual-TLS handler established.
 * The repository ({@code VAULT/repo/}) is opened for writing when the routes are registered and
 * closed by {@link #close}.
 */
public final class ReplicationRoutes implements VaultRoutes, AutoCloseable {
    private final Function<VaultContext, Repository> opener;
    private volatile Repository repository;

    /**
     * Routes over the vault's own repository folder, following the vault's storage policy
     * ({@code V/policy.json}, read again at every commit and upload, so a change needs no restart).
     */
    public ReplicationRoutes() {
        this(ctx -> Repository.open(new LocalBackend(ctx.layout().repo()),
                RepositoryOptions.defaults().withPolicy(new PolicyFile(ctx.layout().policy())::read)
                        .withTableDir(ctx.layout().cache())));
    }

    public ReplicationRoutes(Function<VaultContext, Repository> opener) {
        this.opener = opener;
    }

    @Override
    public void register(Router router, VaultContext context) {
        repository = opener.apply(context);
        // a commit is answered once its point is durable; retention runs after, on the repository's own thread
        ReplicationRequests requests = new ReplicationRequests(new ReplicationService(repository, RetentionTiming.QUEUED));
        Repository repo = repository;
        // block uploads are read as they arrive (the body handler leaves them unread), on the event
        // loop only to queue buffers: StreamedUpload parses, hashes and stores on a worker
        router.post("/v1/machines/:machine/blocks").handler(ctx -> {
            String machine = ctx.pathParam("machine");
            if (machine != null && machine.equals(Caller.of(ctx).machine()) && !RequestBody.gathered(ctx)) {
                StreamedUpload.start(ctx, repo, machine, Limits.MAX_BATCH_BYTES);
            } else {
                ctx.next(); // another machine's path: refused (403) below, before anything is read
            }
        });
        router.route("/v1/machines/*").blockingHandler(ctx -> handle(requests, ctx), false);
    }

    private static void handle(ReplicationRequests requests, RoutingContext ctx) {
        byte[] body = RequestBody.bytes(ctx);
        send(ctx, requests.handle(ctx.request().method().name(), ctx.request().path(), Caller.of(ctx), body));
    }

    /** Sends an answer (any thread: Vert.x hands it to the connection's event loop). */
    static void send(RoutingContext ctx, ReplicationRequests.Response r) {
        ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType()).end(Buffer.buffer(r.body()));
    }

    /** The repository the routes serve (null before {@link #register}). */
    public Repository repository() {
        return repository;
    }

    @Override
    public void close() {
        Repository r = repository;
        if (r != null) {
            r.close();
        }
    }
}
