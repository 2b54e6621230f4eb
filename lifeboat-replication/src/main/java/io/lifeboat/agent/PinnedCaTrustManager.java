package io.lifeboat.agent;

import io.lifeboat.tls.pki.Fingerprints;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust on first contact, pinned: the server's chain must contain a certificate whose SHA-256 is the
 * enrolment token's CA hash, and the chain must then validate (PKIX: signature, validity) with that
 * certificate as the only trust anchor. The host name is checked by the engine as usual.
 */
final class PinnedCaTrustManager implements X509TrustManager {
    private final String pin;
    private volatile X509Certificate ca;
    private volatile String failure;

    PinnedCaTrustManager(String caSha256) {
        this.pin = caSha256;
    }

    /** Why the last check refused the server, or null. */
    String failure() {
        return failure;
    }

    /** The pinned CA certificate the server presented, once a handshake has passed. */
    X509Certificate ca() {
        return ca;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        X509Certificate found = null;
        for (X509Certificate c : chain) {
            if (Fingerprints.sha256(c).equals(pin)) {
                found = c;
            }
        }
        if (found == null) {
            failure = "the vault's CA does not match the enrolment token's CA hash " + pin
                    + ": the token was altered, or this is not the vault that made it";
            throw new CertificateException("the vault's CA does not match the enrolment token's CA hash " + pin
                    + ": the token was altered, or this is not the vault that made it");
        }
        try {
            anchoredAt(found).checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            failure = "the vault's certificate does not validate against the pinned CA: " + e.getMessage();
            throw e;
        }
        ca = found;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("an enrolling agent does not accept clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static X509TrustManager anchoredAt(X509Certificate anchor) throws CertificateException {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("ca", anchor);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new CertificateException("no X.509 trust manager");
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new CertificateException("cannot build the pinned trust anchor: " + e.getMessage(), e);
        }
    }
}
