package io.lifeboat.tls.engine;

import io.lifeboat.tls.TlsPolicy;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TCPSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.util.LinkedHashSet;

/**
 * Vert.x server and client TLS options built from a {@link TlsPolicy} on a {@link TlsEngine}: the
 * one place where a Lifeboat link's versions, suites (TLS 1.3 suites always included, else both
 * engines silently turn TLS 1.3 off) and groups are set.
 */
public final class VertxTls {
    private VertxTls() {
    }

    /**
     * A TLS server that asks for (but does not require) a client certificate: a certificate that is
     * presented must chain to {@code clientCas}; requests without one are authorised per request
     * (enrolment is the only route that allows none).
     */
    public static HttpServerOptions serverOptions(TlsPolicy policy, TlsEngine engine, KeyCertOptions identity,
            TrustOptions clientCas, TlsRefusalListener listener) {
        HttpServerOptions o = new HttpServerOptions();
        apply(o, policy, engine, listener);
        o.setKeyCertOptions(identity);
        if (clientCas != null) {
            o.setTrustOptions(clientCas);
            o.setClientAuth(ClientAuth.REQUEST);
        }
        return o;
    }

    /**
     * A TLS client that verifies the server against {@code trust} and its host name.
     *
     * @param identity the client certificate, or null for server-authenticated TLS only
     */
    public static HttpClientOptions clientOptions(TlsPolicy policy, TlsEngine engine, KeyCertOptions identity,
            TrustOptions trust) {
        HttpClientOptions o = new HttpClientOptions();
        apply(o, policy, engine, TlsRefusalListener.NONE);
        o.setVerifyHost(true);
        o.setTrustOptions(trust);
        if (identity != null) {
            o.setKeyCertOptions(identity);
        }
        return o;
    }

    private static void apply(TCPSSLOptions o, TlsPolicy policy, TlsEngine engine, TlsRefusalListener listener) {
        o.setSsl(true);
        o.setSslEngineOptions(engine.engineOptions(policy, listener));
        o.setEnabledSecureTransportProtocols(new LinkedHashSet<>(policy.protocolNames()));
        for (String suite : policy.cipherSuiteNames()) {
            o.addEnabledCipherSuite(suite);
        }
    }
}
