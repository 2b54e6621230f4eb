package io.lifeboat.agent;

import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.engine.PemIdentity;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.engine.VertxTls;
import io.lifeboat.vault.HostPort;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.util.Map;

/**
 * The agent's blocking client for the vault API over mutual TLS under {@link TlsPolicy#TLS12_PLUS}:
 * the machine certificate from the agent folder, the vault verified against the pinned
 * {@code ca.crt} and its host name. Safe to use from ordinary threads (never from an event loop);
 * thread-safe; bodies of several MiB are fine. Close it when done.
 *
 * <p>Connection failures become {@link io.lifeboat.tls.LifeboatException}s of kind UNREACHABLE or
 * IDENTITY_REJECTED; HTTP error statuses are returned (see {@link VaultResponse#requireOk}).
 */
public final class VaultClient implements AutoCloseable {
    private final BlockingHttp http;
    private final AgentConfig config;
    private final TlsEngine engine;
    private final HostPort vault;
    private final AgentLayout layout;

    private VaultClient(BlockingHttp http, AgentConfig config, TlsEngine engine, HostPort vault, AgentLayout layout) {
        this.http = http;
        this.config = config;
        this.engine = engine;
        this.vault = vault;
        this.layout = layout;
    }

    /** Opens a client for an enrolled agent folder on the preferred engine. */
    public static VaultClient open(AgentLayout layout) {
        return open(layout, TlsEngine.preferred());
    }

    /** Opens a client for an enrolled agent folder. */
    public static VaultClient open(AgentLayout layout, TlsEngine engine) {
        AgentConfig config = AgentConfig.read(layout);
        return open(config.vaultAddress(), layout, config, engine);
    }

    /** Opens a client to {@code vault} with the identity in {@code layout} (the doctor dials other addresses). */
    public static VaultClient open(HostPort vault, AgentLayout layout, TlsEngine engine) {
        return open(vault, layout, AgentConfig.read(layout), engine);
    }

    private static VaultClient open(HostPort vault, AgentLayout layout, AgentConfig config, TlsEngine engine) {
        var options = VertxTls.clientOptions(TlsPolicy.TLS12_PLUS, engine,
                PemIdentity.of(layout.machineCertificate(), layout.machineKey()),
                new PemTrustOptions().addCertPath(layout.caCertificate().toString()));
        return new VaultClient(new BlockingHttp(options, vault), config, engine, vault, layout);
    }

    /**
     * One request. {@code path} starts with "/"; {@code body} may be null.
     *
     * @throws io.lifeboat.tls.LifeboatException UNREACHABLE or IDENTITY_REJECTED when no exchange happened,
     *         with the cause id and the fix found by {@link ConnectionDiagnosis} (also logged)
     */
    public VaultResponse send(HttpMethod method, String path, byte[] body, Map<String, String> headers) {
        try {
            return http.send(method, path, body, headers);
        } catch (io.lifeboat.tls.LifeboatException e) {
            throw diagnose(e);
        }
    }

    /**
     * One request without the diagnosis, for callers that retry: they ask for {@link #diagnose}
     * once, when they give up, rather than probing the vault after every failed attempt.
     */
    public VaultResponse sendUndiagnosed(HttpMethod method, String path, byte[] body, Map<String, String> headers) {
        return http.send(method, path, body, headers);
    }

    /**
     * As {@link #sendUndiagnosed(HttpMethod, String, byte[], Map)}, with a body given as views in
     * order, written as they lie (not joined into one array first).
     */
    public VaultResponse sendUndiagnosed(HttpMethod method, String path, java.util.List<java.nio.ByteBuffer> body,
            Map<String, String> headers) {
        return http.send(method, path, body, headers);
    }

    /** Probes the vault to find the cause of {@code failure}, logs it, and returns what to throw. */
    public io.lifeboat.tls.LifeboatException diagnose(io.lifeboat.tls.LifeboatException failure) {
        return ConnectionDiagnosis.explain(failure, () -> ConnectionDiagnosis.enrolled(vault, layout));
    }

    public VaultResponse get(String path) {
        return send(HttpMethod.GET, path, null, Map.of());
    }

    /** POST a JSON object. */
    public VaultResponse post(String path, JsonObject json) {
        return send(HttpMethod.POST, path, json.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
    }

    /** {@code GET /health}, required to succeed. */
    public JsonObject health() {
        return get("/health").requireOk("health check").json();
    }

    public String machine() {
        return config.machine();
    }

    public TlsEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        http.close();
    }
}
