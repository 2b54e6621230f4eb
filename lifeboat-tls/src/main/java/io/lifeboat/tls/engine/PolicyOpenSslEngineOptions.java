package io.lifeboat.tls.engine;

import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/** Vert.x's BoringSSL engine options with the policy's groups and the refused-client report. */
final class PolicyOpenSslEngineOptions extends OpenSSLEngineOptions {
    private final String[] groups;
    private final TlsRefusalListener listener;
    private final int newestVersion;

    PolicyOpenSslEngineOptions(String[] groups, TlsRefusalListener listener, int newestVersion) {
        this.groups = groups.clone();
        this.listener = listener;
        this.newestVersion = newestVersion;
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new PolicySslContextFactory(SslProvider.OPENSSL, groups, listener, newestVersion);
    }

    /** Vert.x copies its options: without this override the subclass would be lost (notes pitfall 4). */
    @Override
    public PolicyOpenSslEngineOptions copy() {
        return new PolicyOpenSslEngineOptions(groups, listener, newestVersion);
    }
}
