package io.lifeboat.tls;

/** The record MAC of a suite; {@link #AEAD} when the cipher authenticates itself. */
public enum Mac {
    NULL, MD5, SHA1, SHA256, SHA384, GOST, AEAD
}
