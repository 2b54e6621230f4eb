package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.HostPort;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
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
 * failures to {@link LifeboatException}s with {@link VaultConnectionFailure}.
 */
final class BlockingHttp implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 300;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final HostPort target;
    private final DirectBodies bodies = new DirectBodies();

    BlockingHttp(HttpClientOptions options, HostPort target) {
        this.vertx = Vertx.vertx();
        this.client = vertx.createHttpClient(options
                .setConnectTimeout(10_000)
                .setIdleTimeout(120)
                .setDefaultHost(target.host())
                .setDefaultPort(target.port()));
        this.target = target;
    }

    VaultResponse send(HttpMethod method, String path, byte[] body, Map<String, String> headers) {
        return send(method, path, body == null ? null : wrap(body), headers);
    }

    /**
     * With a body given as views, in order, handed to netty as one composite buffer over them, each
     * part outside the heap ({@link DirectBodies}): the parts already there (the agent's raw blocks)
     * are encrypted from where they lie. Returns, or throws, only once netty no longer reads the
     * views ({@link BodyWrite#awaitEnd}), so the caller may reuse their memory; a retry sends them again.
     */
    VaultResponse send(HttpMethod method, String path, java.util.List<java.nio.ByteBuffer> body,
            Map<String, String> headers) {
        DirectBodies.Gathered gathered = bodies.gather(body);
        Buffer joined = BufferInternal.buffer(Unpooled.wrappedBuffer(gathered.views().toArray(java.nio.ByteBuffer[]::new)));
        BodyWrite write = new BodyWrite();
        try {
            return send(method, path, joined, headers, write);
        } finally {
            write.awaitEnd(method + " " + path);
            bodies.give(gathered);
        }
    }

    private VaultResponse send(HttpMethod method, String path, Buffer body, Map<String, String> headers) {
        return send(method, path, body, headers, null);
    }

    private VaultResponse send(HttpMethod method, String path, Buffer body, Map<String, String> headers,
            BodyWrite write) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("VaultClient blocks: do not call it on an event-loop thread");
        }
        RequestOptions ro = new RequestOptions().setMethod(method).setHost(target.host()).setPort(target.port())
                .setURI(path).setIdleTimeout(TIMEOUT_SECONDS * 1000);
        headers.forEach(ro::putHeader);
        try {
            return client.request(ro)
                    .compose(req -> sent(req, body, write)
                            .compose(resp -> resp.body().map(b -> {
                                Map<String, String> h = new HashMap<>();
                                resp.headers().forEach(e -> h.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
                                HttpConnection c = req.connection();
                                SSLSession s = c == null ? null : c.sslSession();
                                return new VaultResponse(resp.statusCode(), h, b.getBytes(),
                                        s == null ? "" : s.getProtocol(), s == null ? "" : s.getCipherSuite());
                            })))
                    .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw VaultConnectionFailure.of(e.getCause(), target);
        } catch (TimeoutException e) {
            throw new LifeboatException(LifeboatException.Kind.UNREACHABLE, "the vault at " + target
                    + " did not answer " + method + " " + path + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifeboatException(LifeboatException.Kind.FAILED, "interrupted", e);
        }
    }

    /** Sends the request's body, if any, and gives the answer; {@code write}, when given, learns when the body's write ends. */
    private static io.vertx.core.Future<io.vertx.core.http.HttpClientResponse> sent(
            io.vertx.core.http.HttpClientRequest req, Buffer body, BodyWrite write) {
        if (write == null) {
            return body == null ? req.send() : req.send(body);
        }
        if (!write.begin(req)) {
            return io.vertx.core.Future.failedFuture("the request was given up before it was sent");
        }
        req.end(body).onComplete(done -> write.ended());
        return req.response();
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
