package io.lifeboat.agent.protect;

import io.lifeboat.agent.AgentConfig;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.CertificateRenewal;
import io.lifeboat.agent.NodeRoute;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.agent.VaultNodes;
import io.lifeboat.agent.VaultResponse;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import io.lifeboat.vault.HostPort;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * {@link VaultTransport} over the agent's {@link VaultClient} (mutual TLS with the machine
 * certificate of the agent folder). "Vault unreachable" failures become {@link IOException}s so the
 * caller retries them; a refused identity does not (retrying cannot fix it).
 *
 * <p>{@link #connecting} sets the client up on a background thread: choosing the TLS engine loads
 * and initialises BoringSSL and Vert.x (0.6-0.8 s of a cold start on 2 cores, less when the CLI
 * preloaded BoringSSL), and a pass can read its source meanwhile; the first request waits for it,
 * and a failure to set up is thrown there.
 *
 * <p>A vault of several nodes ({@code A/nodes.json}, {@link VaultNodes}): when the node in use is
 * unreachable, the failed request's {@link IOException} is thrown as before (the caller retries it under
 * its {@link RetryPolicy}) and the next request goes to the next node ({@link NodeRoute}). The list is
 * refreshed from {@code GET /v1/nodes} after the first request that succeeds and whenever {@link
 * #refreshNodes} is called (before each round of the continuous mode), or, for a one-shot pass, at its
 * start on a thread of its own ({@link #refreshNodesInBackground}).
 */
public final class VaultClientTransport implements VaultTransport, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VaultClientTransport.class);
    /** The vault's list of its nodes (see {@link VaultNodes}). */
    static final String NODES = "/v1/nodes";
    /** How long {@link #close} waits for a background ask of the nodes still under way (then closes under it). */
    private static final long NODES_ASK_GRACE_MILLIS = 2_000;
    private final AgentLayout layout;
    private final String machine;
    private final CompletableFuture<Connected> setUp;
    private volatile VaultClient renewed;
    /** The vault nodes, the one in use first; null until the client is set up. */
    private volatile NodeRoute route;
    /** The client of the node in use when it is not the first one set up (after a move to another node). */
    private volatile VaultClient moved;
    private volatile boolean nodesRefreshed;
    /** The thread of {@link #refreshNodesInBackground}, if one was started: {@link #close} lets it finish. */
    private volatile Thread nodesAsk;

    private record Connected(TlsEngine engine, VaultClient client) {
    }

    private VaultClientTransport(AgentLayout layout, String machine, CompletableFuture<Connected> setUp) {
        this.layout = layout;
        this.machine = machine;
        this.setUp = setUp;
    }

    /** A transport whose client is ready on return. */
    public static VaultClientTransport open(AgentLayout layout, TlsEngine engine) {
        VaultClient client = VaultClient.open(layout, engine);
        return new VaultClientTransport(layout, client.machine(),
                CompletableFuture.completedFuture(new Connected(engine, client)));
    }

    /** A transport whose engine ({@code engine.get()}) and client are set up in the background. */
    public static VaultClientTransport connecting(AgentLayout layout, Supplier<TlsEngine> engine) {
        CompletableFuture<Connected> setUp = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                TlsEngine e = engine.get();
                setUp.complete(new Connected(e, VaultClient.open(layout, e)));
            } catch (Throwable failure) {
                setUp.completeExceptionally(failure);
            }
        }, "lifeboat-vault-connect");
        t.setDaemon(true);
        t.start();
        // read after the set-up started (a cold JSON read, which the set-up needs too); not an enrolled agent: said at once
        String machine;
        try {
            machine = AgentConfig.read(layout).machine();
        } catch (RuntimeException notEnrolled) {
            setUp.thenAccept(c -> c.client().close()); // a running agent retries: leave no client behind
            throw notEnrolled;
        }
        return new VaultClientTransport(layout, machine, setUp);
    }

    /** The machine name this agent was enrolled as. */
    public String machine() {
        return machine;
    }

    private Connected connected() {
        try {
            return setUp.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private VaultClient client() {
        VaultClient m = moved;
        if (m != null) {
            return m;
        }
        VaultClient r = renewed;
        return r != null ? r : connected().client();
    }

    private NodeRoute route() {
        NodeRoute r = route;
        if (r == null) {
            synchronized (this) {
                if (route == null) {
                    route = new NodeRoute(AgentConfig.read(layout).vaultAddress(), VaultNodes.read(layout));
                }
                r = route;
            }
        }
        return r;
    }

    /**
     * The node {@code failed} did not answer: the next request goes to the next node, on a new client
     * (a vault of one node: the same node again, as before).
     */
    private synchronized void moveOn(VaultClient failed) {
        if (client() != failed) {
            return; // another request moved on already
        }
        HostPort from = route().current();
        HostPort to = route().failed(from);
        if (to.equals(from)) {
            return;
        }
        VaultClient next = VaultClient.open(to, layout, connected().engine());
        VaultClient old = moved;
        moved = next;
        if (old != null) {
            old.close(); // a request still on it fails and is retried on the new one
        }
        LOG.warn("vault node {} is unreachable; moving to node {}", from, to);
    }

    /**
     * Asks the vault for its nodes ({@code GET /v1/nodes}) and keeps the list in {@code A/nodes.json}. A
     * vault that lists none (one node, or a vault from before node lists: 404) or a failure changes
     * nothing; the list is asked for again next time.
     *
     * @return the nodes the agent now knows, the one in use first
     */
    public List<HostPort> refreshNodes() {
        nodesRefreshed = true;
        askForNodes();
        return route().all();
    }

    /**
     * {@link #refreshNodes} on a thread of its own, started now, for a one-shot pass: the pass's
     * first request (otherwise the one that asks) need not ask again. It also opens the connection
     * (TCP and the TLS handshake) while the pass reads: a pass that finds its source unchanged
     * sends nothing until its commit, which otherwise opened the connection, sent the commit, then
     * asked for the nodes, one after the other (the unchanged rescan of 1 GiB: 0.80 s instead of
     * 0.90 s after start, on 2 cores; docs/performance.md, "The rescan after start"). The pass's
     * first requests then go on that connection, never on a second one beside it (the client holds
     * its first connection: {@code FirstConnection}).
     * A vault that does not answer leaves it to the first request answered, as before.
     *
     * @return completed when the vault has answered (true) or not (false); nobody need wait for it
     */
    public CompletableFuture<Boolean> refreshNodesInBackground() {
        nodesRefreshed = true;
        CompletableFuture<Boolean> answered = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            boolean ok = askForNodes();
            if (!ok) {
                nodesRefreshed = false; // not answered: the pass's first answer asks again
            }
            answered.complete(ok);
        }, "lifeboat-vault-nodes");
        t.setDaemon(true); // never keeps the JVM up: close() gives it a moment to end, no more
        nodesAsk = t;
        t.start();
        return answered;
    }

    /** One {@code GET /v1/nodes}, its list kept when it gives one; true when the vault answered. */
    private boolean askForNodes() {
        try {
            VaultResponse r = client().sendUndiagnosed(HttpMethod.GET, NODES, (byte[]) null, Map.of());
            if (r.status() == 200) {
                VaultNodes nodes = VaultNodes.fromAnswer(r.json());
                if (!nodes.nodes().isEmpty()) {
                    nodes.keep(layout);
                    route().update(AgentConfig.read(layout).vaultAddress(), nodes);
                }
            }
            return r.status() < 500;
        } catch (IOException | RuntimeException e) { // unreachable, unreadable: the list stays as it was
            LOG.debug("could not refresh the list of vault nodes: {}", e.toString());
            return false;
        }
    }

    /**
     * Renews the machine certificate when a third of its lifetime is left, and reconnects with the
     * new one. Called between passes; a failure is left to the next pass's requests to report.
     *
     * @return true when a new certificate is in use
     */
    public boolean renewIfDue(Clock clock) {
        TlsEngine engine = connected().engine();
        if (CertificateRenewal.renewIfDue(layout, engine, clock).isEmpty()) {
            return false;
        }
        synchronized (this) {
            VaultClient old = client();
            VaultClient fresh = VaultClient.open(route().current(), layout, engine);
            if (moved != null) {
                moved = fresh;
            } else {
                renewed = fresh;
            }
            old.close();
        }
        return true;
    }

    @Override
    public Reply send(Request request) throws IOException {
        boolean hasBody = request.body().length > 0 || !"GET".equals(request.method());
        Map<String, String> headers = request.contentType() == null ? Map.of()
                : Map.of("Content-Type", request.contentType());
        return exchange(c -> c.sendUndiagnosed(HttpMethod.valueOf(request.method()), request.path(),
                hasBody ? request.body() : null, headers));
    }

    /** Writes the views as they lie: Vert.x gets them wrapped, not joined into one array. */
    @Override
    public Reply post(String path, String contentType, java.util.List<java.nio.ByteBuffer> body) throws IOException {
        return exchange(c -> c.sendUndiagnosed(HttpMethod.POST, path, body, Map.of("Content-Type", contentType)));
    }

    /**
     * One request on the node in use. An unreachable node is left for the next one (the caller's retry
     * goes there, if the vault has several) and becomes an {@link IOException}, retried and diagnosed once
     * if the retries run out; the first answer of a pass refreshes the node list.
     */
    private Reply exchange(java.util.function.Function<VaultClient, VaultResponse> request) throws IOException {
        VaultResponse r;
        VaultClient c = client();
        try {
            r = request.apply(c);
        } catch (LifeboatException e) {
            if (e.kind() == LifeboatException.Kind.UNREACHABLE) {
                moveOn(c);
                throw new IOException(e.getMessage(), e);
            }
            throw client().diagnose(e);
        }
        if (!nodesRefreshed && r.status() < 500) {
            refreshNodes(); // once per pass of `agent protect --once`; the loop asks before every round
        }
        return new Reply(r.status(), r.headers().get("content-type"), r.body(), r.protocol(), r.cipherSuite());
    }

    @Override
    public LifeboatException explain(LifeboatException failure) {
        return client().diagnose(failure);
    }

    @Override
    public void close() {
        Thread ask = nodesAsk;
        if (ask != null) {
            try {
                ask.join(NODES_ASK_GRACE_MILLIS); // a node list being written is finished, not cut at exit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Connected c;
        try {
            c = setUp.join(); // a client being set up is waited for, then closed too
        } catch (CompletionException e) {
            return; // nothing to close; the first request reported the failure, if there was one
        }
        VaultClient m = moved;
        if (m != null) {
            m.close();
        }
        VaultClient r = renewed;
        if (r != null) {
            r.close();
        }
        c.client().close();
    }
}
