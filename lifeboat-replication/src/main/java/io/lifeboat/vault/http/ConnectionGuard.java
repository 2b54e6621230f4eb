package io.lifeboat.vault.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds on the vault's open connections, so that neither a fleet nor a hostile client can hold the
 * vault's file descriptors and memory with connections that carry no request.
 *
 * <ul>
 * <li><b>Idle:</b> a connection with no request under way for {@link Limits#idle} is closed: one a
 *     client left open after its last answer (or lost without a word, a machine that lost power),
 *     and one whose client sends a request's head so slowly that it is not whole by then. A request
 *     is under way from its whole head until its answer ends, however long its route or its
 *     download takes. An agent leaves a connection idle for at most two minutes, within this.
 * <li><b>How many:</b> a machine (a client certificate signed by the vault's CA, counted by its
 *     name) holds at most {@link Limits#perMachine} connections. A connection without such a
 *     certificate counts for its address, which holds at most {@link Limits#perAddress}, and all of
 *     them together at most {@link Limits#withoutCertificate}: what is not a machine (enrolment, a
 *     browser, a scanner, an attacker) cannot take the connections machines need. One more than its
 *     share is closed at once, before a request is read.
 * </ul>
 * Beside these, {@link Limits#silent} closes a connection on which nothing moves at all (set on the
 * server's options, {@link Limits#applyTo}). A TLS handshake that never ends does not get here: the server's handshake timeout (Vert.x's 10 s)
 * ends it first. A connection is counted once its handshake is done ({@link #handle}); its requests
 * are followed by {@link #track}, which must be the router's first handler.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault");

    /**
     * @param perMachine         the connections one machine may hold at once
     * @param perAddress         the connections one address may hold without a machine certificate
     * @param withoutCertificate the connections all addresses may hold without one, together
     * @param idle               how long a connection may carry no request before it is closed
     * @param silent             how long nothing may be read or written on a connection, whatever it
     *                           does, before it is closed: a body whose client stopped sending, a
     *                           client gone without a word mid-request. Longer than an agent waits for
     *                           any answer (5 minutes), so a long route is not cut.
     */
    public record Limits(int perMachine, int perAddress, int withoutCertificate, Duration idle, Duration silent) {
        /** An agent uses one connection, and up to five more while it uploads in parallel. */
        public static final Limits DEFAULT = new Limits(64, 64, 1024, Duration.ofMinutes(5), Duration.ofMinutes(10));

        public Limits {
            if (perMachine < 1 || perAddress < 1 || withoutCertificate < perAddress || idle.toMillis() < 1
                    || silent.toMillis() < 1) {
                throw new IllegalArgumentException("connection limits " + perMachine + "/" + perAddress + "/"
                        + withoutCertificate + ", idle " + idle + ", silent " + silent);
            }
        }

        /** Sets the server's own timeout for {@link #silent} (netty's, on every byte read or written). */
        public HttpServerOptions applyTo(HttpServerOptions options) {
            return options.setIdleTimeout((int) silent.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
    }

    private final Vertx vertx;
    private final PublicKey caKey;
    private final Limits limits;
    private final Map<HttpConnection, Tracked> open = new ConcurrentHashMap<>();
    /** Open connections per caller ("machine web01", "address 10.0.0.5"); guarded by this. */
    private final Map<String, Integer> byCaller = new HashMap<>();
    private int withoutCertificate;
    private long refused;
    private long lastRefusalLogged;

    public ConnectionGuard(Vertx vertx, PublicKey caKey, Limits limits) {
        this.vertx = vertx;
        this.caKey = caKey;
        this.limits = limits;
    }

    /** A connection whose TLS handshake is done: counted, or closed when its caller holds its share. */
    @Override
    public void handle(HttpConnection conn) {
        String machine = machine(conn);
        String caller = machine != null ? "machine " + machine : "address " + conn.remoteAddress().hostAddress();
        String refusal = admit(caller, machine == null);
        if (refusal != null) {
            logRefusal(caller, refusal);
            conn.close();
            return;
        }
        Tracked t = new Tracked(conn, caller, machine == null);
        open.put(conn, t);
        conn.closeHandler(v -> closed(t));
        t.idleFromNow();
    }

    /** The router's first handler: the request's connection carries a request until its answer ends. */
    public void track(RoutingContext ctx) {
        Tracked t = open.get(ctx.request().connection());
        if (t != null) {
            t.started();
            ctx.addEndHandler(ended -> t.ended()); // answered, failed or closed: called once
        }
        ctx.next();
    }

    /** Connections open now (for tests and the metrics). */
    public int open() {
        return open.size();
    }

    /** Null when {@code caller} may open one more, else why not. */
    private synchronized String admit(String caller, boolean anonymous) {
        int held = byCaller.getOrDefault(caller, 0);
        if (anonymous) {
            if (held >= limits.perAddress()) {
                return "it holds " + held + " connections without a machine certificate, the most one address may";
            }
            if (withoutCertificate >= limits.withoutCertificate()) {
                return "the vault holds " + withoutCertificate + " connections without a machine certificate, the most"
                        + " it takes";
            }
            withoutCertificate++;
        } else if (held >= limits.perMachine()) {
            return "it holds " + held + " connections, the most one machine may";
        }
        byCaller.put(caller, held + 1);
        return null;
    }

    private void closed(Tracked t) {
        t.stop();
        if (open.remove(t.conn) == null) {
            return;
        }
        synchronized (this) {
            byCaller.computeIfPresent(t.caller, (k, n) -> n == 1 ? null : n - 1);
            if (t.anonymous) {
                withoutCertificate--;
            }
        }
    }

    /** One line for the first refusal, then at most one a minute with the count since (a flood must not flood the log). */
    private void logRefusal(String caller, String why) {
        long now = System.nanoTime();
        long n;
        synchronized (this) {
            refused++;
            if (lastRefusalLogged != 0 && now - lastRefusalLogged < 60_000_000_000L) {
                return;
            }
            lastRefusalLogged = now;
            n = refused;
            refused = 0;
        }
        LOG.warn("vault: closed a new connection from {}: {}{}", caller, why,
                n > 1 ? " (" + (n - 1) + " more refused in the last minute)" : "");
    }

    /** The connection's machine: the name in a client certificate the vault's CA signed, else null. */
    private String machine(HttpConnection conn) {
        X509Certificate leaf = MutualTlsAuthorisation.clientCertificate(conn);
        if (leaf == null) {
            return null;
        }
        try {
            leaf.verify(caKey); // the handshake checked it too; a key a client could forge must not name a share
        } catch (GeneralSecurityException e) {
            return null;
        }
        String name = MutualTlsAuthorisation.commonName(leaf);
        return name.isEmpty() ? null : name;
    }

    /** One connection: its requests under way and the timer that closes it when it carries none. */
    private final class Tracked {
        final HttpConnection conn;
        final String caller;
        final boolean anonymous;
        private int underWay;
        private long timer = -1;

        Tracked(HttpConnection conn, String caller, boolean anonymous) {
            this.conn = conn;
            this.caller = caller;
            this.anonymous = anonymous;
        }

        synchronized void started() {
            underWay++;
            cancel();
        }

        synchronized void ended() {
            if (--underWay == 0) {
                idleFromNow();
            }
        }

        synchronized void idleFromNow() {
            cancel();
            timer = vertx.setTimer(limits.idle().toMillis(), this::expired);
        }

        synchronized void stop() {
            cancel();
            underWay = -1_000_000; // closed: no timer again
        }

        private synchronized void expired(long id) {
            if (id == timer && underWay == 0) {
                LOG.debug("vault: closing the connection of {} ({}): no request for {}", caller,
                        conn.remoteAddress(), limits.idle());
                conn.close();
            }
        }

        private void cancel() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }
}
