package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.HostPort;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * A blocking HTTPS exchange on its own Vert.x instance, for ordinary threads. It keeps strong
 * references to Vert.x and the client (Vert.x 5 closes an unreachable client), and maps connection
 * failures to {@link LifeboatException}s with {@link VaultConnectionFailure}. Requests go on the
 * {@link FirstConnection} when it is free, otherwise through Vert.x's pool.
 */
final class BlockingHttp implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 300;
    /**
     * How long a connection of the pool (a pass's parallel uploads) may stay idle before the client
     * closes it; the held one ({@link FirstConnection}) is not reused after as long. Both stay
     * within the vault's five minutes ({@code ConnectionGuard.Limits#idle}). The pool's own
     * default (60 s) closed a running agent's upload connections between passes a minute apart or
     * more, and closing a TLS connection runs the event loop's send path ({@code SslHandler.wrap},
     * the engine's {@code wrap}) through the branches of the close: its compiled code was thrown
     * away between passes, and the next pass paid for new handshakes too.
     */
    static final int IDLE_SECONDS = 120;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final HostPort target;
    /**
     * A body given as an array larger than this is sent from outside the heap like the batches
     * ({@link #arrayBodies}); a smaller one is copied by netty into the buffer of the request's
     * headers, outside the heap already. One TLS record's worth of plaintext.
     */
    static final int LARGEST_HEAP_BODY = 16 << 10;
    private final DirectBodies bodies = new DirectBodies();
    /**
     * The larger bodies given as arrays: a commit's manifest chunks and delta, a tree's asks. Sent from
     * the heap, their pieces reached the TLS engine as the one kind of buffer the batches never are,
     * and at every pass's commit the event loop's compiled send path ({@code SslHandler.wrap}, built
     * for the batches' bodies) was thrown away and compiled again in the next pass (docs/performance.md,
     * "One kind of body for the TLS engine"). Kept apart from the batches' pool, so that a body sent
     * while two batches are in flight neither waits for nor drops one of their buffers.
     */
    private final DirectBodies arrayBodies = new DirectBodies(2);
    private final FirstConnection first;

    BlockingHttp(HttpClientOptions options, HostPort target) {
        this(options, target, IDLE_SECONDS);
    }

    /** With the pool's connections closed after {@code idleSeconds} idle (tests wait seconds, not two minutes). */
    BlockingHttp(HttpClientOptions options, HostPort target, int idleSeconds) {
        this.vertx = Vertx.vertx();
        this.client = vertx.httpClientBuilder().with(options
                .setConnectTimeout(10_000)
                .setIdleTimeout(idleSeconds)
                .setKeepAliveTimeout(idleSeconds)
                .setDefaultHost(target.host())
                .setDefaultPort(target.port()))
                .withConnectHandler(RefusedConnectionLog::watch)
                .build();
        this.target = target;
        this.first = new FirstConnection(client, target, idleSeconds);
    }

    VaultResponse send(HttpMethod method, String path, byte[] body, Map<String, String> headers) {
        if (sentFromOutsideTheHeap(body)) {
            return send(method, path, arrayBodies, java.util.List.of(java.nio.ByteBuffer.wrap(body)), headers);
        }
        return send(method, path, body == null ? null : wrap(body), headers);
    }

    /**
     * Whether a body given as an array goes through {@link #arrayBodies}: larger than one record, and
     * no larger than a batch (a larger one, were there any, is sent from its array rather than held
     * twice, once outside the heap, whose limit is the heap's size).
     */
    static boolean sentFromOutsideTheHeap(byte[] body) {
        return body != null && body.length > LARGEST_HEAP_BODY && body.length <= DirectBodies.LARGEST_KEPT;
    }

    /**
     * With a body given as views, in order: gathered into a buffer outside the heap
     * ({@link DirectBodies}), which the TLS engine encrypts from without a further copy. A retry
     * gathers the views again.
     */
    VaultResponse send(HttpMethod method, String path, java.util.List<java.nio.ByteBuffer> body,
            Map<String, String> headers) {
        return send(method, path, bodies, body, headers);
    }

    private VaultResponse send(HttpMethod method, String path, DirectBodies pool, java.util.List<java.nio.ByteBuffer> body,
            Map<String, String> headers) {
        java.nio.ByteBuffer gathered = pool.gather(body);
        VaultResponse r = send(method, path, BufferInternal.buffer(Unpooled.wrappedBuffer(gathered)), headers);
        if (r.status() >= 200 && r.status() < 300) {
            pool.give(gathered); // answered with success: the vault read all of it, netty is done with it
        }
        return r;
    }

    private VaultResponse send(HttpMethod method, String path, Buffer body, Map<String, String> headers) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("VaultClient blocks: do not call it on an event-loop thread");
        }
        RequestOptions ro = new RequestOptions().setMethod(method).setHost(target.host()).setPort(target.port())
                .setURI(path).setIdleTimeout(TIMEOUT_SECONDS * 1000);
        headers.forEach(ro::putHeader);
        Future<HttpClientConnection> held = null;
        boolean ok = false;
        try {
            held = first.take(body == null ? 0 : body.length());
            Future<HttpClientRequest> request = held == null ? client.request(ro) : held.compose(c -> c.request(ro));
            VaultResponse r = request
                    .compose(req -> (body == null ? req.send() : req.send(body))
                            .compose(resp -> resp.body().map(b -> {
                                Map<String, String> h = new HashMap<>();
                                resp.headers().forEach(e -> h.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
                                HttpConnection c = req.connection();
                                SSLSession s = c == null ? null : c.sslSession();
                                return new VaultResponse(resp.statusCode(), h, b.getBytes(),
                                        s == null ? "" : s.getProtocol(), s == null ? "" : s.getCipherSuite());
                            })))
                    .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ok = !"close".equalsIgnoreCase(r.headers().get("connection")); // e.g. a 403: the vault closes it
            return r;
        } catch (ExecutionException e) {
            throw VaultConnectionFailure.of(e.getCause(), target);
        } catch (TimeoutException e) {
            throw new LifeboatException(LifeboatException.Kind.UNREACHABLE, "the vault at " + target
                    + " did not answer " + method + " " + path + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifeboatException(LifeboatException.Kind.FAILED, "interrupted", e);
        } finally {
            if (held != null) {
                first.give(held, ok);
            }
        }
    }

    /**
     * The body as a Vert.x buffer over the same array. {@code Buffer.buffer(byte[])} copies it into a
     * new, zeroed array first: for a 16 MiB block batch that was about a tenth of the agent's
     * event-loop time. The caller does not touch the array again, and a retry wraps it anew.
     */
    private static Buffer wrap(byte[] body) {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(body));
    }

    @Override
    public void close() {
        awaitQuietly(first.close());
        awaitQuietly(client.close());
        awaitQuietly(vertx.close());
    }

    private static void awaitQuietly(io.vertx.core.Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort
        }
    }
}
