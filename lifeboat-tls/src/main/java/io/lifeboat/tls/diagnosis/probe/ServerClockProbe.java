package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.diagnosis.HttpAnswer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the server's clock (its HTTP {@code Date} header) when the certificate was refused for its
 * dates, so a clock-skew hint can say by how much this machine is off.
 *
 * <p>This is the one place that completes a handshake without judging the server's certificate,
 * and it is for evidence only: it runs after the real trust manager has already refused the
 * server, it presents no client certificate, sends nothing but {@code GET path} without
 * credentials, and its answer never decides trust, only the wording of the skew hint.
 */
final class ServerClockProbe {
    private ServerClockProbe() {
    }

    /** The answer (with its Date header, if the server sends one), or null. */
    static HttpAnswer ask(ProbeOptions o, Duration timeout) {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(o.host(), o.port()), ms);
            s.setSoTimeout(ms);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new EvidenceOnly()}, null);
            SSLEngine engine = ctx.createSSLEngine(o.host(), o.port());
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(TlsPolicy.TLS12_PLUS.protocolNames().toArray(String[]::new));
            TlsExchange.Outcome out = new TlsExchange(s, engine).run(o.host() + ":" + o.port(), o.path());
            return out.http();
        } catch (Exception e) {
            return null;
        }
    }

    /** Records nothing and refuses nothing: used only by this evidence-only probe (see the class note). */
    private static final class EvidenceOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client mode only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // evidence only: the real trust manager has already refused this server
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
