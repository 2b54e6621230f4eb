package io.lifeboat.vault.ops;

import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.api.RequestBody;
import io.lifeboat.vault.api.VaultContext;
import io.lifeboat.vault.api.VaultRoutes;
import io.lifeboat.vault.metrics.VaultMetrics;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A pass-through route set placed before the replication routes: it watches every request under
 * {@code /v1/machines/} (who, over which TLS, how many bytes, how long, which answer) without
 * touching it, and reports committed points and refused uploads once the answer is sent. It runs
 * on the event loop and does no I/O: reports go to {@link Reports}, which hands them off.
 */
final class ReplicationObserver implements VaultRoutes {
    /** What the observer reports; called on the event loop, so implementations must hand work off. */
    interface Reports {
        void committed(String machine);

        void uploadRefused(String machine, int status, String peer);
    }

    private final VaultMetrics metrics;
    private final Map<String, Link> links;
    private final Reports reports;
    private final Clock clock;
    private final Set<HttpConnection> seen = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    ReplicationObserver(VaultMetrics metrics, Map<String, Link> links, Reports reports, Clock clock) {
        this.metrics = metrics;
        this.links = links;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public void register(Router router, VaultContext context) {
        router.route("/v1/machines/*").handler(this::observe);
    }

    private void observe(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        HttpConnection conn = ctx.request().connection();
        if (seen.add(conn)) {
            metrics.connection(caller.protocol(), caller.cipherSuite());
            links.put(caller.machine(), new Link(caller.protocol(), caller.cipherSuite(), NegotiatedGroup.of(conn),
                    caller.peerAddress(), clock.instant()));
        }
        long body = RequestBody.length(ctx); // a streamed upload's declared length
        if (body > 0) {
            metrics.bytesReceived(caller.machine(), body);
        }
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        String request = kind(method, path);
        boolean upload = request.equals("upload");
        if (upload) {
            metrics.uploadStarted();
        }
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            metrics.request(request, status, Duration.ofNanos(System.nanoTime() - start));
            if (upload) {
                metrics.uploadEnded();
                if (status >= 400) {
                    reports.uploadRefused(caller.machine(), status, caller.peerAddress());
                }
            }
            if (request.equals("commit") && status == 200) {
                reports.committed(caller.machine());
            }
        });
        ctx.next();
    }

    /** A low-cardinality name for the request (never the machine or a block id). */
    static String kind(String method, String path) {
        if (method.equals("POST") && path.endsWith("/blocks/missing")) {
            return "missing";
        }
        if (method.equals("POST") && path.endsWith("/blocks")) {
            return "upload";
        }
        if (method.equals("POST") && path.endsWith("/points")) {
            return "commit";
        }
        if (method.equals("GET") && path.contains("/blocks/")) {
            return "read-block";
        }
        return method.equals("GET") && path.contains("/points") ? "points" : "other";
    }
}
