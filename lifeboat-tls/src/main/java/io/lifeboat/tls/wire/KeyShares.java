package io.lifeboat.tls.wire;

import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.wire.EphemeralKeyShare;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real TLS 1.3 key shares made with the JDK (XDH for X25519/X448, EC for the NIST curves): a server
 * that validates the point sees a valid one. One key per group and process ({@link #of}): the scanner
 * completes no handshake, and the one job that reads a TLS 1.3 certificate only needs the server's
 * handshake keys, so reusing an ephemeral key across connections costs nothing here.
 */
public final class KeyShares {
    /** One key_share entry: group wire id and the public key as the wire encodes it. */
    public record Entry(int group, byte[] publicKey) {
    }

    private static final Map<NamedGroup, EphemeralKeyShare> CACHE = new ConcurrentHashMap<>();

    private KeyShares() {
    }

    /** A share for {@code group}, made once per process and then reused. */
    public static Entry of(NamedGroup group) {
        EphemeralKeyShare k = ephemeral(group);
        return new Entry(group.wireId(), k.publicKey());
    }

    /** The key pair behind {@link #of}, for agreeing on the shared secret. */
    public static EphemeralKeyShare ephemeral(NamedGroup group) {
        return CACHE.computeIfAbsent(group, EphemeralKeyShare::generate);
    }

    public static Entry generate(NamedGroup group) {
        EphemeralKeyShare k = EphemeralKeyShare.generate(group);
        return new Entry(group.wireId(), k.publicKey());
    }
}
