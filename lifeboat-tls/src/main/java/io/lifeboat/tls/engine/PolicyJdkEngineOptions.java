package io.lifeboat.tls.engine;

import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/** Vert.x's JDK engine options with the refused-client report (groups: see {@link TlsEngine#JDK}). */
final class PolicyJdkEngineOptions extends JdkSSLEngineOptions {
    private final TlsRefusalListener listener;
    private final int newestVersion;

    PolicyJdkEngineOptions(TlsRefusalListener listener, int newestVersion) {
        this.listener = listener;
        this.newestVersion = newestVersion;
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new PolicySslContextFactory(SslProvider.JDK, null, listener, newestVersion);
    }

    @Override
    public PolicyJdkEngineOptions copy() {
        return new PolicyJdkEngineOptions(listener, newestVersion);
    }
}
