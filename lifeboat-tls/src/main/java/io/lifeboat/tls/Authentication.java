package io.lifeboat.tls;

/** How a cipher suite authenticates the server. {@link #ANY}: TLS 1.3 suites (the certificate decides). */
public enum Authentication {
    ANONYMOUS, RSA, DSS, ECDSA, DH, ECDH, PSK, KRB5, SRP, GOST, ECCPWD, ANY
}
