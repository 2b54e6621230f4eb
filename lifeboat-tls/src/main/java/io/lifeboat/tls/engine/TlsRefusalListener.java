package io.lifeboat.tls.engine;

/** Told about every failed server-side handshake; the vault logs one line per refusal. */
@FunctionalInterface
public interface TlsRefusalListener {
    TlsRefusalListener NONE = r -> { };

    void refused(HandshakeRefusal refusal);
}
