package io.lifeboat.tls.engine;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslServerContext;
import io.netty.handler.ssl.OpenSslServerSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the Netty context for one Vert.x server or client under a {@link io.lifeboat.tls.TlsPolicy}:
 * Vert.x's {@code DefaultSslContextFactory} (5.0.x) plus three things it cannot do: the key-exchange
 * groups ({@link OpenSslContextOption#GROUPS} on BoringSSL), for servers the ClientHello peek
 * that reports refused clients ({@link PeekingSslContext}), and for BoringSSL clients writes
 * encrypted 16 records per engine call, 3 in a heap of at most 512 MiB ({@link WideWrapSslContext}).
 * A BoringSSL server's refusal of a client certificate sends an alert that names its reason
 * ({@link RefusalAlertTrustManager}).
 * Re-check against Vert.x and netty on upgrade.
 */
final class PolicySslContextFactory implements SslContextFactory {
    /** How many contexts were built in this JVM (a context per connection would be a performance bug). */
    static final java.util.concurrent.atomic.AtomicLong BUILT = new java.util.concurrent.atomic.AtomicLong();

    private final SslProvider provider;
    private final String[] groups;
    private final TlsRefusalListener listener;
    private final int newestVersion;

    private Set<String> cipherSuites;
    private List<String> applicationProtocols;
    private boolean useAlpn;
    private ClientAuth clientAuth;
    private boolean forClient;
    private KeyManagerFactory kmf;
    private TrustManagerFactory tmf;

    /**
     * @param groups        BoringSSL group names, or null to leave the engine's default
     * @param newestVersion wire id of the policy's newest version (for TLS_FALLBACK_SCSV)
     */
    PolicySslContextFactory(SslProvider provider, String[] groups, TlsRefusalListener listener, int newestVersion) {
        this.provider = provider;
        this.groups = groups;
        this.listener = listener;
        this.newestVersion = newestVersion;
    }

    @Override
    public SslContextFactory useAlpn(boolean useAlpn) {
        this.useAlpn = useAlpn;
        return this;
    }

    @Override
    public SslContextFactory clientAuth(ClientAuth clientAuth) {
        this.clientAuth = clientAuth;
        return this;
    }

    @Override
    public SslContextFactory forClient(boolean forClient) {
        this.forClient = forClient;
        return this;
    }

    @Override
    public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
        this.kmf = kmf;
        return this;
    }

    @Override
    public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
        this.tmf = tmf;
        return this;
    }

    @Override
    public SslContextFactory enabledCipherSuites(Set<String> cipherSuites) {
        this.cipherSuites = cipherSuites;
        return this;
    }

    @Override
    public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
        this.applicationProtocols = applicationProtocols;
        return this;
    }

    @Override
    public SslContext create() throws SSLException {
        SslContextBuilder b = forClient ? SslContextBuilder.forClient() : SslContextBuilder.forServer(kmf);
        if (forClient && kmf != null) {
            b.keyManager(kmf);
        }
        b.sslProvider(provider);
        if (tmf != null) {
            X509ExtendedTrustManager clientCheck = forClient || provider != SslProvider.OPENSSL ? null
                    : onlyExtendedTrustManager(tmf);
            if (clientCheck != null) {
                b.trustManager(new RefusalAlertTrustManager(clientCheck));
            } else {
                b.trustManager(tmf);
            }
        }
        if (cipherSuites == null || cipherSuites.isEmpty()) {
            throw new SSLException("no cipher suites configured: the TLS policy must set them");
        }
        b.ciphers(cipherSuites);
        if (groups != null && provider == SslProvider.OPENSSL) {
            b.option(OpenSslContextOption.GROUPS, groups.clone());
        }
        if (useAlpn && applicationProtocols != null && !applicationProtocols.isEmpty()) {
            boolean jdk = provider == SslProvider.JDK;
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    jdk ? ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT
                            : ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    jdk ? ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT
                            : ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    applicationProtocols));
        }
        if (!forClient && clientAuth != null) {
            b.clientAuth(clientAuth);
        }
        SslContext ctx = b.build();
        BUILT.incrementAndGet();
        if (ctx instanceof OpenSslServerContext) {
            SSLSessionContext sc = ctx.sessionContext();
            if (sc instanceof OpenSslServerSessionContext osc) {
                osc.setSessionCacheEnabled(true);
            }
        }
        if (forClient) {
            return provider == SslProvider.OPENSSL ? new WideWrapSslContext(ctx) : ctx;
        }
        return new PeekingSslContext(ctx, listener, newestVersion);
    }

    /** The factory's one trust manager when netty can call it with its engine (the JDK's PKIX one is), else null. */
    private static X509ExtendedTrustManager onlyExtendedTrustManager(TrustManagerFactory tmf) {
        TrustManager[] all = tmf.getTrustManagers();
        return all.length == 1 && all[0] instanceof X509ExtendedTrustManager x ? x : null;
    }
}
