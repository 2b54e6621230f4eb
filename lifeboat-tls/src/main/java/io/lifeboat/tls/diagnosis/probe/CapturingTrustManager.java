package io.lifeboat.tls.diagnosis.probe;

import java.net.Socket;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Capture, then judge: records the chain the server presented, then hands it to the platform's
 * real PKIX trust manager (path validation, validity, and host-name verification through the
 * engine's endpoint identification). It never trusts what the real manager refuses: the capture is
 * for the explanation, not for the decision.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private volatile List<X509Certificate> chain = List.of();
    private volatile String failure;

    /** @param anchors the CAs to trust; empty means the platform's default trust store */
    CapturingTrustManager(List<X509Certificate> anchors) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            if (anchors.isEmpty()) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                for (int i = 0; i < anchors.size(); i++) {
                    ks.setCertificateEntry("anchor-" + i, anchors.get(i));
                }
                tmf.init(ks);
            }
            X509ExtendedTrustManager found = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    found = x;
                }
            }
            if (found == null) {
                throw new IllegalStateException("the platform has no X509ExtendedTrustManager");
            }
            this.delegate = found;
        } catch (NoSuchAlgorithmException | KeyStoreException | java.io.IOException | CertificateException e) {
            throw new IllegalStateException("cannot build the trust manager: " + e.getMessage(), e);
        }
    }

    List<X509Certificate> chain() {
        return chain;
    }

    /** Why the real trust manager refused the chain, or null when it accepted it (or never saw one). */
    String failure() {
        return failure;
    }

    /** The anchors the real trust manager uses (for the judge's "does it chain to them"). */
    List<X509Certificate> anchors() {
        return List.of(delegate.getAcceptedIssuers());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
            throws CertificateException {
        chain = List.of(presented);
        try {
            delegate.checkServerTrusted(presented, authType, engine);
        } catch (CertificateException | RuntimeException e) {
            failure = Failures.describe(e);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket)
            throws CertificateException {
        chain = List.of(presented);
        try {
            delegate.checkServerTrusted(presented, authType, socket);
        } catch (CertificateException | RuntimeException e) {
            failure = Failures.describe(e);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
        throw new CertificateException("the probe verifies servers only with an engine (host-name check)");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
        throw new CertificateException("client mode only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
