package io.lifeboat.scan.cert;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads the certificate chain of a TLS 1.3-only server. TLS 1.3 encrypts the Certificate message, and
 * our codec does not derive keys, so this one job uses a JDK handshake instead: a LOCAL SSLContext
 * (never the default one, never installed anywhere), restricted to TLSv1.3, whose trust manager only
 * copies the chain it is shown. Nothing is decided here: the chain is judged afterwards by
 * {@link ChainJudge} with real PKIX validation, and the connection is closed right after the handshake.
 */
public final class Tls13ChainReader {
    private Tls13ChainReader() {
    }

    /** @return the chain, leaf first, or empty when the server sent none */
    public static List<X509Certificate> read(Socket connected, String host, int port, Optional<String> sni)
            throws IOException {
        Capture capture = new Capture();
        SSLContext ctx;
        try {
            ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(null, new TrustManager[] {capture}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("the JDK cannot make a TLS 1.3 context: " + e.getMessage(), e);
        }
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(connected, sni.orElse(host), port, false)) {
            s.setEnabledProtocols(new String[] {"TLSv1.3"});
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(sni.<List<javax.net.ssl.SNIServerName>>map(n -> List.of(new SNIHostName(n))).orElse(List.of()));
            s.setSSLParameters(p);
            try {
                s.startHandshake();
            } catch (SSLException e) {
                if (capture.chain == null) {
                    throw e;
                }
                // The chain was seen; a later failure (client certificate required, ...) does not matter here.
            }
        }
        return capture.chain == null ? List.of() : capture.chain;
    }

    /** Copies the chain it is shown and accepts it; used only to read, never for a trust decision. */
    private static final class Capture extends X509ExtendedTrustManager {
        volatile List<X509Certificate> chain;

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) {
            chain = List.of(c);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
            chain = List.of(c);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String authType) {
            chain = List.of(c);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
