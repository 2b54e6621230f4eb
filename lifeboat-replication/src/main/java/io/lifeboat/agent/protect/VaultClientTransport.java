package io.lifeboat.agent.protect;

import io.lifeboat.agent.AgentConfig;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.CertificateRenewal;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.agent.VaultResponse;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * {@link VaultTransport} over the agent's {@link VaultClient} (mutual TLS with the machine
 * certificate of the agent folder). "Vault unreachable" failures become {@link IOException}s so the
 * caller retries them; a refused identity does not (retrying cannot fix it).
 *
 * <p>{@link #connecting} sets the client up on a background thread: choosing the TLS engine loads
 * and initialises BoringSSL and Vert.x (0.6-0.8 s of a cold start on 2 cores), and a pass can read
 * its source meanwhile; the first request waits for it, and a failure to set up is thrown there.
 */
public final class VaultClientTransport implements VaultTransport, AutoCloseable {
    private final AgentLayout layout;
    private final String machine;
    private final CompletableFuture<Connected> setUp;
    private volatile VaultClient renewed;

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
        String machine = AgentConfig.read(layout).machine(); // not an enrolled agent: said at once
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
        VaultClient r = renewed;
        return r != null ? r : connected().client();
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
        VaultClient old = client();
        renewed = VaultClient.open(layout, engine);
        old.close();
        return true;
    }

    @Override
    public Reply send(Request request) throws IOException {
        boolean hasBody = request.body().length > 0 || !"GET".equals(request.method());
        Map<String, String> headers = request.contentType() == null ? Map.of()
                : Map.of("Content-Type", request.contentType());
        VaultResponse r;
        try {
            r = client().sendUndiagnosed(HttpMethod.valueOf(request.method()), request.path(),
                    hasBody ? request.body() : null, headers);
        } catch (LifeboatException e) {
            if (e.kind() == LifeboatException.Kind.UNREACHABLE) {
                throw new IOException(e.getMessage(), e); // retried; diagnosed once if the retries run out
            }
            throw client().diagnose(e);
        }
        return new Reply(r.status(), r.headers().get("content-type"), r.body(), r.protocol(), r.cipherSuite());
    }

    /** Writes the views as they lie: Vert.x gets them wrapped, not joined into one array. */
    @Override
    public Reply post(String path, String contentType, java.util.List<java.nio.ByteBuffer> body) throws IOException {
        VaultResponse r;
        try {
            r = client().sendUndiagnosed(HttpMethod.POST, path, body, Map.of("Content-Type", contentType));
        } catch (LifeboatException e) {
            if (e.kind() == LifeboatException.Kind.UNREACHABLE) {
                throw new IOException(e.getMessage(), e); // retried; diagnosed once if the retries run out
            }
            throw client().diagnose(e);
        }
        return new Reply(r.status(), r.headers().get("content-type"), r.body(), r.protocol(), r.cipherSuite());
    }

    @Override
    public LifeboatException explain(LifeboatException failure) {
        return client().diagnose(failure);
    }

    @Override
    public void close() {
        Connected c;
        try {
            c = setUp.join(); // a client being set up is waited for, then closed too
        } catch (CompletionException e) {
            return; // nothing to close; the first request reported the failure, if there was one
        }
        VaultClient r = renewed;
        (r != null ? r : c.client()).close();
    }
}
