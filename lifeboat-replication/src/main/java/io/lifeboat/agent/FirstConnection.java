package io.lifeboat.agent;

import io.lifeboat.vault.HostPort;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;

/**
 * The client's first connection to the vault, opened and held by us rather than by Vert.x's pool,
 * so that the first requests of a pass certainly share one TLS handshake.
 *
 * <p>Why: a one-shot pass asks for the vault's nodes in the background as it starts, and its own
 * first request often comes while that ask is still connecting. Through the pool, the two opened
 * two connections side by side (two handshakes on 2 cores, agent and vault alike), and even a
 * request made after an answer did not reliably get the pool's idle connection (a relay on loopback
 * counted one connection in only 4 of 8 runs; docs/performance.md, "The first request (issue 14,
 * session 14)"). Held here, a request takes this connection whenever it is free and otherwise
 * waits for it (a round trip or a batch's sending, against a whole handshake), except a batch of
 * blocks that finds it sending another batch: that one goes to the pool, so that concurrent uploads
 * still run on connections of their own. (A first rule, "a batch under way is never waited for",
 * gave a kept pass two connections when its commit's manifest chunk took the connection before the
 * background nodes ask did.) Once a batch has gone to the pool, the pass is uploading in parallel and
 * every request goes through the pool from then on, as before this class: a tree's full pass that
 * kept waiting for the held connection took 0.8-0.9 s longer, and 2 s longer when it used the held
 * connection whenever it was free (docs/performance.md, "Session 15 merged"). One exchange at a
 * time, so HTTP/1.1 never pipelines here.
 *
 * <p>A connection that closes (the vault's idle timeout, a failure) is forgotten; the next request
 * opens another and holds it. One left idle as long as the pool's are kept ({@link BlockingHttp#IDLE_SECONDS}: a running agent
 * between passes) is closed and replaced rather than reused: the vault closes a connection that has
 * carried no request for five minutes, and a request sent just as it does would fail. Thread-safe.
 */
final class FirstConnection {
    /** How long a request waits for the held connection before it opens one of its own. */
    static final long WAIT_MILLIS = 10_000;
    /** A body from this size up is a batch: two of them at once go on two connections. */
    static final long LARGE_BODY = 64 * 1024;

    private final HttpClientAgent client;
    private final HostPort target;
    /** The held connection, opening or open; null when none is. */
    private Future<HttpClientConnection> held;
    private boolean busy;
    /** When the held connection was last given back ({@link System#nanoTime}). */
    private long freeSince;
    /** Whether the exchange under way on the held connection sends a body of {@link #LARGE_BODY} or more. */
    private boolean busyWithLarge;
    /** Whether a batch has gone to the pool: requests run in parallel from then on, all through the pool. */
    private boolean parallel;
    private boolean closed;

    private final long idleNanos;

    /** @param idleSeconds how long the held connection may sit idle and still be used */
    FirstConnection(HttpClientAgent client, HostPort target, int idleSeconds) {
        this.client = client;
        this.target = target;
        this.idleNanos = idleSeconds * 1_000_000_000L;
    }

    /**
     * The held connection, taken for one exchange of a body of {@code bodyBytes} (give it back with
     * {@link #give}), or null: use the pool.
     */
    synchronized Future<HttpClientConnection> take(long bodyBytes) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!closed && !parallel) {
            if (held != null && !busy && System.nanoTime() - freeSince > idleNanos) {
                Future<HttpClientConnection> stale = held;
                held = null;
                stale.onSuccess(HttpClientConnection::close);
            }
            if (held == null) {
                Future<HttpClientConnection> opening = client.connect(new HttpConnectOptions()
                        .setHost(target.host()).setPort(target.port()));
                opening.onSuccess(c -> {
                    c.closeHandler(v -> forget(opening));
                    RefusedConnectionLog.watch(c); // not the pool's: its connect handler is not called for it
                });
                held = opening;
            }
            if (!busy) {
                busy = true;
                freeSince = Long.MAX_VALUE; // not free again until given back
                busyWithLarge = bodyBytes >= LARGE_BODY;
                return held;
            }
            if (busyWithLarge && bodyBytes >= LARGE_BODY) {
                parallel = true;
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return null;
    }

    /**
     * Gives back what {@link #take} gave; {@code reusable} false when the exchange failed or timed
     * out (the connection's state is not known) or the answer said {@code Connection: close} (the
     * vault's answer to a refused identity): the connection is closed and forgotten at once, so the
     * next request opens another rather than racing the close.
     */
    synchronized void give(Future<HttpClientConnection> connection, boolean reusable) {
        if (connection != held) {
            return; // forgotten meanwhile (closed): nothing held to give back
        }
        busy = false;
        freeSince = System.nanoTime();
        if (!reusable) {
            held = null;
            connection.onSuccess(HttpClientConnection::close);
        }
        notifyAll();
    }

    private synchronized void forget(Future<HttpClientConnection> connection) {
        if (connection == held) {
            held = null;
            busy = false;
            notifyAll();
        }
    }

    /** Closes the held connection; a later {@link #take} gives null. */
    synchronized Future<?> close() {
        closed = true;
        notifyAll();
        Future<HttpClientConnection> c = held;
        held = null;
        return c == null ? Future.succeededFuture() : c.compose(HttpClientConnection::close, failed -> Future.succeededFuture());
    }
}
