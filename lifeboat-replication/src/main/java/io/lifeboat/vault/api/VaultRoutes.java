package io.lifeboat.vault.api;

import io.vertx.ext.web.Router;

/**
 * A set of routes that another part of Lifeboat adds to the vault (the repository API, ...).
 *
 * <p>Contract:
 * <ul>
 *   <li>Register under {@code /v1/...} only; {@code /v1/enroll}, {@code /v1/renew} and
 *       {@code /health} are the vault's own.</li>
 *   <li>{@link #register} is called once, after the vault has installed its mutual-TLS
 *       authorisation handler and its body handler ({@link RequestBody}, at most
 *       {@link io.lifeboat.vault.VaultConfig#bodyLimit()} bytes): every request that reaches a route
 *       registered here comes from a valid, unrevoked machine certificate, {@link Caller#of} answers
 *       who it is, and {@link RequestBody#bytes} holds the body.</li>
 *   <li>Authorise per request: a machine reads and writes only its own data (compare
 *       {@code Caller.of(ctx).machine()}).</li>
 *   <li>Handlers run on the event loop: use {@code router.route(...).blockingHandler(...)} for
 *       file or disk work.</li>
 *   <li>Errors: answer with {@link ApiErrors#send}, so every error body has the same JSON shape.</li>
 * </ul>
 */
@FunctionalInterface
public interface VaultRoutes {

    void register(Router router, VaultContext context);
}
