package io.lifeboat.vault.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, established by the vault's mutual-TLS authorisation from the client certificate
 * of this request's connection. Every route behind the authorisation handler can rely on it.
 *
 * @param machine     the machine name (the certificate's subject CN, checked against the registry)
 * @param protocol    the session's TLS version, e.g. "TLSv1.3"
 * @param cipherSuite the session's suite, IANA name, e.g. "TLS_AES_256_GCM_SHA384"
 * @param peerAddress the client's address, e.g. "127.0.0.1:51428"
 * @param fingerprint the SHA-256 of the client certificate (lowercase hex): the caller's identity
 */
public record Caller(String machine, String protocol, String cipherSuite, String peerAddress, String fingerprint) {

    /** The key under which the authorisation handler stores the caller in the routing context. */
    public static final String CONTEXT_KEY = "lifeboat.caller";

    /**
     * The caller of this request.
     *
     * @throws IllegalStateException when called on a route that is not behind the authorisation
     *                               handler (a programming error, never a user's)
     */
    public static Caller of(RoutingContext ctx) {
        Caller c = ctx.get(CONTEXT_KEY);
        if (c == null) {
            throw new IllegalStateException("no authorised caller: route " + ctx.normalizedPath()
                    + " is not behind the vault's mutual-TLS authorisation");
        }
        return c;
    }
}
