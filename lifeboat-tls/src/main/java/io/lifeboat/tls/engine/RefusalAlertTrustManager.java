package io.lifeboat.tls.engine;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The vault's check of a client certificate under BoringSSL, unchanged ({@code delegate} decides), with
 * its refusal told in the form netty-tcnative turns into the alert that names the reason:
 * {@code unknown_ca} for a chain to another CA, {@code certificate_expired} for an expired certificate,
 * {@code bad_certificate} for the rest. Why: netty maps only expired, not-yet-valid and revoked
 * exceptions to an X509 error and anything else to X509_V_ERR_UNSPECIFIED, which BoringSSL sends as
 * {@code internal_error}: a peer tool then reports a fault of the vault. netty hands the error code of
 * an {@link OpenSslCertificateException} to BoringSSL as it is ({@code SSL_alert_from_verify_result}
 * picks the alert). Not for the JDK engine: JDK 17's server sends {@code certificate_unknown} for any
 * refused client certificate, whatever the exception.
 */
final class RefusalAlertTrustManager extends X509ExtendedTrustManager {
    /** Why a client certificate was refused, as far as its alert can tell. */
    enum Refusal {
        UNKNOWN_CA, EXPIRED, NOT_YET_VALID, OTHER
    }

    private final X509ExtendedTrustManager delegate;

    RefusalAlertTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        told(() -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        told(() -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        told(() -> delegate.checkClientTrusted(chain, authType, engine));
    }

    /** One of the delegate's checks of a client certificate. */
    private interface ClientCheck {
        void run() throws CertificateException;
    }

    /** Runs {@code check}; its refusal goes on as one whose alert names the reason. */
    private static void told(ClientCheck check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException refused) {
            throw told(refused);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** The refusal, still a refusal, with the original as its cause (its message names the reason in logs). */
    private static CertificateException told(CertificateException refused) {
        return new OpenSslCertificateException(refused.getMessage(), refused, errorCode(reasonOf(refused)));
    }

    /** BoringSSL's X509 error whose alert names {@code why} (its {@code SSL_alert_from_verify_result}). */
    private static int errorCode(Refusal why) {
        return switch (why) {
            case UNKNOWN_CA -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case EXPIRED -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
            case NOT_YET_VALID -> CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
            case OTHER -> CertificateVerifier.X509_V_ERR_CERT_REJECTED;
        };
    }

    /**
     * The JDK's PKIX trust manager says "no path to a trust anchor" with a {@link CertPathBuilderException}
     * (SunCertPathBuilderException) or a validator exception of reason NO_TRUST_ANCHOR, and an expired
     * certificate with reason EXPIRED.
     */
    static Refusal reasonOf(Throwable refused) {
        for (Throwable t = refused; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return Refusal.EXPIRED;
            }
            if (t instanceof CertificateNotYetValidException) {
                return Refusal.NOT_YET_VALID;
            }
            if (t instanceof CertPathBuilderException) {
                return Refusal.UNKNOWN_CA;
            }
            if (t instanceof CertPathValidatorException v) {
                CertPathValidatorException.Reason r = v.getReason();
                if (r == CertPathValidatorException.BasicReason.EXPIRED) {
                    return Refusal.EXPIRED;
                }
                if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return Refusal.NOT_YET_VALID;
                }
                if (r == PKIXReason.NO_TRUST_ANCHOR) {
                    return Refusal.UNKNOWN_CA;
                }
            }
        }
        return Refusal.OTHER;
    }
}
