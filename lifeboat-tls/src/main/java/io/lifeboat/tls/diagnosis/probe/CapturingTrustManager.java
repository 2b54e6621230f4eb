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
    private volatile X509ExtendedTrustManager delegate;
    private final String pin;
    private volatile List<X509Certificate> chain = List.of();
    private volatile List<X509Certificate> pinnedAnchor = List.of();
    private volatile String failure;

    /** @param anchors the CAs to trust; empty means the platform's default trust store */
    CapturingTrustManager(List<X509Certificate> anchors) {
        this.pin = null;
        this.delegate = pkix(anchors);
    }

    /** Trust the certificate of the presented chain whose SHA-256 is {@code pinSha256} (hex). */
    CapturingTrustManager(String pinSha256) {
        this.pin = pinSha256.toLowerCase(java.util.Locale.ROOT);
        this.delegate = null;
    }

    private static X509ExtendedTrustManager pkix(List<X509Certificate> anchors) {
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
            return found;
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
        return pin != null ? pinnedAnchor : List.of(delegate.getAcceptedIssuers());
    }

    /** With a pin: the real PKIX manager anchored at the pinned certificate of this chain. */
    private X509ExtendedTrustManager judge(X509Certificate[] presented) throws CertificateException {
        if (pin == null) {
            return delegate;
        }
        for (X509Certificate c : presented) {
            if (io.lifeboat.tls.pki.Fingerprints.sha256(c).equals(pin)) {
                pinnedAnchor = List.of(c);
                return pkix(pinnedAnchor);
            }
        }
        failure = "no certificate of the server's chain has the SHA-256 " + pin + " pinned by the enrolment token";
        throw new CertificateException(failure);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
            throws CertificateException {
        chain = List.of(presented);
        X509ExtendedTrustManager real = judge(presented);
        try {
            real.checkServerTrusted(presented, authType, engine);
        } catch (CertificateException | RuntimeException e) {
            failure = Failures.describe(e);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket)
            throws CertificateException {
        chain = List.of(presented);
        X509ExtendedTrustManager real = judge(presented);
        try {
            real.checkServerTrusted(presented, authType, socket);
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
        return anchors().toArray(X509Certificate[]::new);
    }
}
