package io.lifeboat.tls;

/** How a cipher suite agrees on its keys. {@link #ANY}: TLS 1.3 suites, where key exchange is separate. */
public enum KeyExchange {
    NULL, RSA, RSA_EXPORT, DHE, DHE_EXPORT, ECDHE, DH_RSA, DH_DSS, ECDH_RSA, ECDH_ECDSA,
    PSK, DHE_PSK, RSA_PSK, ECDHE_PSK, KRB5, SRP, GOST, CECPQ1, ECCPWD, ANY;

    /** True when a stolen server key cannot decrypt recorded sessions. */
    public boolean forwardSecret() {
        return switch (this) {
            case DHE, DHE_EXPORT, ECDHE, DHE_PSK, ECDHE_PSK, CECPQ1, ECCPWD, ANY -> true;
            default -> false;
        };
    }
}
