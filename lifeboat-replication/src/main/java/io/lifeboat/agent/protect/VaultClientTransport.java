package io.lifeboat.agent.protect;

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

/**
 * {@link VaultTransport} over the agent's {@link VaultClient} (mutual TLS with the machine
 * certificate of the agent folder). "Vault unreachable" failures become {@link IOException}s so the
 * caller retries them; a refused identity does not (retrying cannot fix it).
 */
public final class VaultClientTransport implements VaultTransport, AutoCloseable {
    private final AgentLayout layout;
    private final TlsEngine engine;
    private volatile VaultClient client;

    private VaultClientTransport(AgentLayout layout, TlsEngine engine) {
        this.layout = layout;
        this.engine = engine;
        this.client = VaultClient.open(layout, engine);
    }

    public static VaultClientTransport open(AgentLayout layout, TlsEngine engine) {
        return new VaultClientTransport(layout, engine);
    }

    /** The machine name this agent was enrolled as. */
    public String machine() {
        return client.machine();
    }

    /**
     * Renews the machine certificate when a third of its lifetime is left, and reconnects with the
     * new one. Called between passes; a failure is left to the next pass's requests to report.
     *
     * @return true when a new certificate is in use
     */
    public boolean renewIfDue(Clock clock) {
        if (CertificateRenewal.renewIfDue(layout, engine, clock).isEmpty()) {
            return false;
        }
        VaultClient old = client;
        client = VaultClient.open(layout, engine);
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
            r = client.sendUndiagnosed(HttpMethod.valueOf(request.method()), request.path(),
                    hasBody ? request.body() : null, headers);
        } catch (LifeboatException e) {
            if (e.kind() == LifeboatException.Kind.UNREACHABLE) {
                throw new IOException(e.getMessage(), e); // retried; diagnosed once if the retries run out
            }
            throw client.diagnose(e);
        }
        return new Reply(r.status(), r.headers().get("content-type"), r.body(), r.protocol(), r.cipherSuite());
    }

    @Override
    public LifeboatException explain(LifeboatException failure) {
        return client.diagnose(failure);
    }

    @Override
    public void close() {
        client.close();
    }
}
