package io.lifeboat.vault;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.engine.HandshakeRefusal;
import io.lifeboat.tls.engine.PemIdentity;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.engine.TlsRefusalListener;
import io.lifeboat.tls.engine.VertxTls;
import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.api.RequestBody;
import io.lifeboat.vault.api.ServerAddOns;
import io.lifeboat.vault.api.VaultContext;
import io.lifeboat.vault.api.VaultRoutes;
import io.lifeboat.vault.cluster.Membership;
import io.lifeboat.vault.cluster.NodeRoutes;
import io.lifeboat.vault.http.ConnectionGuard;
import io.lifeboat.vault.http.EnrolmentRoutes;
import io.lifeboat.vault.http.HealthRoutes;
import io.lifeboat.vault.http.MutualTlsAuthorisation;
import io.lifeboat.vault.http.RenewalRoutes;
import io.lifeboat.vault.store.JsonFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's HTTPS server, assembled in one place: TLS under {@link TlsPolicy#TLS12_PLUS} on the
 * chosen engine, enrolment (no client certificate), then the mutual-TLS authorisation handler, a
 * body handler, health, renewal and the node list ({@code /v1/nodes}), then every {@link VaultRoutes}
 * given (in order). A vault on a store announces this node there while it runs ({@link Membership}).
 *
 * <p>{@link #start} blocks until the server listens; it writes the bound address to
 * {@code run/address} (atomically) and {@link #close} removes it.
 */
public final class VaultServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault");
    /**
     * The largest piece of a request body Vert.x hands a route (its default is 8 KiB). The TLS
     * handler decrypts all the records a socket read brought at once, so a piece can be as large as
     * that read; each piece costs a copy into a fresh buffer, a handler call and, for an upload, a
     * queue hand-off and a parser call, so fewer, larger pieces cost less per GiB.
     */
    static final int BODY_PIECE = 64 * 1024;

    private final Vertx vertx;
    private final HttpServer server;
    private final HostPort address;
    private final TlsEngine engine;
    private final VaultLayout layout;
    private final Membership membership;

    private VaultServer(Vertx vertx, HttpServer server, HostPort address, TlsEngine engine, VaultLayout layout,
            Membership membership) {
        this.vertx = vertx;
        this.server = server;
        this.address = address;
        this.engine = engine;
        this.layout = layout;
        this.membership = membership;
    }

    public static VaultServer start(Vault vault, TlsEngine engine, List<VaultRoutes> routes) {
        return start(vault, engine, routes, TlsRefusalListener.NONE);
    }

    /** @param refusals also told about every refused handshake (the server itself logs one line each) */
    public static VaultServer start(Vault vault, TlsEngine engine, List<VaultRoutes> routes,
            TlsRefusalListener refusals) {
        return start(vault, engine, routes, refusals, ServerAddOns.NONE);
    }

    /** @param addOns routes that authenticate themselves (registered before the mutual-TLS check) and Vert.x metrics */
    public static VaultServer start(Vault vault, TlsEngine engine, List<VaultRoutes> routes,
            TlsRefusalListener refusals, ServerAddOns addOns) {
        VaultLayout layout = vault.layout();
        HostPort listen = vault.config().listenAddress();
        TlsRefusalListener listener = r -> {
            log(r);
            refusals.refused(r);
        };
        ConnectionGuard.Limits limits = vault.config().connectionLimits();
        HttpServerOptions options = limits.applyTo(VertxTls.serverOptions(TlsPolicy.TLS12_PLUS, engine,
                PemIdentity.of(layout.serverCertificate(), layout.serverKey()),
                new PemTrustOptions().addCertPath(layout.caCertificate().toString()), listener)
                .setHost(listen.host()).setPort(listen.port()).setMaxChunkSize(BODY_PIECE));
        Vertx vertx = addOns.vertx().apply(Vertx.builder()).build();
        ConnectionGuard guard = new ConnectionGuard(vertx, vault.authority().ca().certificate().getPublicKey(),
                limits);
        Membership membership = null;
        try {
            membership = Membership.of(vault);
            Router router = router(vertx, vault, engine, routes, addOns.ownAuthentication(), membership, guard);
            HttpServer server = await(vertx.createHttpServer(options).connectionHandler(guard).requestHandler(router)
                    .listen(), listen);
            HostPort bound = new HostPort(listen.host(), server.actualPort());
            JsonFiles.writeBytes(layout.address(), (bound + "\n").getBytes(StandardCharsets.US_ASCII), false);
            membership.start(announced(bound, vault.config()));
            return new VaultServer(vertx, server, bound, engine, layout, membership);
        } catch (RuntimeException | IOException e) {
            if (membership != null) {
                membership.close();
            }
            vertx.close();
            if (e instanceof LifeboatException le) {
                throw le;
            }
            throw new LifeboatException(LifeboatException.Kind.FAILED, "the vault cannot start: " + e.getMessage(), e);
        }
    }

    /** Where agents reach this node: the bound address, or for a wildcard listen the first --host (else loopback). */
    static HostPort announced(HostPort bound, VaultConfig config) {
        boolean wildcard = bound.host().equals("0.0.0.0") || bound.host().equals("::");
        if (!wildcard) {
            return bound;
        }
        return new HostPort(config.hosts().isEmpty() ? "127.0.0.1" : config.hosts().get(0), bound.port());
    }

    private static Router router(Vertx vertx, Vault vault, TlsEngine engine, List<VaultRoutes> routes,
            List<VaultRoutes> ownAuthentication, Membership membership, ConnectionGuard guard) {
        Router router = Router.router(vertx);
        router.route().handler(guard::track); // first: a connection carries a request until its answer ends
        // A client that goes away mid-request (an upload cut off, a stop while a body hangs) is not a
        // server error: one line, no stack trace.
        router.route().failureHandler(ctx -> {
            if (ctx.failure() instanceof io.vertx.core.http.HttpClosedException) {
                LOG.info("client {} went away during {} {}", ctx.request().connection().remoteAddress(),
                        ctx.request().method(), ctx.request().path());
                return;
            }
            ctx.next();
        });
        RequestBody body = RequestBody.limitedTo(vault.config().bodyLimit());
        EnrolmentRoutes enrolment = new EnrolmentRoutes(vault, membership::nodes);
        router.post("/v1/enroll").handler(RequestBody.limitedTo(64 * 1024))
                .blockingHandler(enrolment::enroll, false);
        VaultContext context = new VaultContext(vertx, vault.layout(), engine, vault.clock());
        for (VaultRoutes r : ownAuthentication) {
            r.register(router, context);
        }
        router.route().handler(new MutualTlsAuthorisation(vault.authority().ca().certificate().getPublicKey(),
                vault.machines(), vault.clock()));
        router.route().handler(body);
        HealthRoutes health = new HealthRoutes(engine);
        router.get("/health").handler(health::health);
        router.get("/v1/health").handler(health::health);
        router.route(HttpMethod.POST, "/v1/renew").blockingHandler(new RenewalRoutes(vault)::renew, false);
        new NodeRoutes(membership).register(router);
        for (VaultRoutes r : routes) {
            r.register(router, context);
        }
        router.errorHandler(404, ctx -> ApiErrors.send(ctx, 404, "not_found", "no such API path: "
                + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> ApiErrors.send(ctx, 405, "method_not_allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> ApiErrors.send(ctx, 413, "too_large", "the request body is larger than "
                + vault.config().bodyLimit() + " bytes"));
        router.errorHandler(500, ctx -> {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            ApiErrors.send(ctx, 500, "internal", "the vault failed: " + ctx.failure());
        });
        return router;
    }

    private static void log(HandshakeRefusal r) {
        if (r.oldProtocol()) {
            LOG.warn(r.logLine());
        } else {
            LOG.info(r.logLine());
        }
    }

    private static <T> T await(Future<T> f, HostPort listen) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new LifeboatException(LifeboatException.Kind.FAILED, "the vault cannot listen on " + listen + ": "
                    + (c.getMessage() == null ? c.toString() : c.getMessage()), c);
        } catch (TimeoutException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "the vault did not start listening in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifeboatException(LifeboatException.Kind.FAILED, "interrupted while starting", e);
        }
    }

    public HostPort address() {
        return address;
    }

    public TlsEngine engine() {
        return engine;
    }

    /** This node among the vault's nodes (its id, the live node list). */
    public Membership membership() {
        return membership;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops listening, closes connections and Vert.x, removes {@code run/address}; waits at most a few seconds. */
    @Override
    public void close() {
        membership.close(); // withdrawn first: agents stop being sent here
        try {
            Files.deleteIfExists(layout.address());
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", layout.address(), e.toString());
        }
        awaitQuietly(server.close());
        awaitQuietly(vertx.close());
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("vault close: {}", e.toString());
        }
    }
}
