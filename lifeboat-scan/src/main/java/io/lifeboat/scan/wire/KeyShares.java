package io.lifeboat.scan.wire;

import io.lifeboat.tls.NamedGroup;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;

/**
 * Real TLS 1.3 key shares made with the JDK (XDH for X25519, EC for P-256/P-384): a server that
 * validates the point sees a valid one. The private halves are discarded; the scanner never
 * completes a handshake with them, so one key per group and process is enough ({@link #of}).
 */
public final class KeyShares {
    /** One key_share entry: group wire id and the public key as the wire encodes it. */
    public record Entry(int group, byte[] publicKey) {
    }

    private static final java.util.Map<NamedGroup, Entry> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private KeyShares() {
    }

    /** A share for {@code group}, made once per process and then reused. */
    public static Entry of(NamedGroup group) {
        return CACHE.computeIfAbsent(group, KeyShares::generate);
    }

    public static Entry generate(NamedGroup group) {
        try {
            return switch (group) {
                case X25519 -> new Entry(group.wireId(), x25519());
                case SECP256R1 -> new Entry(group.wireId(), ec("secp256r1", 32));
                case SECP384R1 -> new Entry(group.wireId(), ec("secp384r1", 48));
                default -> throw new IllegalArgumentException("no key share generator for " + group);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a " + group + " key: " + e.getMessage(), e);
        }
    }

    private static byte[] x25519() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
        g.initialize(NamedParameterSpec.X25519);
        XECPublicKey pub = (XECPublicKey) g.generateKeyPair().getPublic();
        // RFC 7748: the u-coordinate, little-endian, 32 bytes.
        byte[] be = pub.getU().toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    private static byte[] ec(String curve, int size) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
        byte[] out = new byte[1 + 2 * size];
        out[0] = 4; // uncompressed point
        fixed(pub.getW().getAffineX(), out, 1, size);
        fixed(pub.getW().getAffineY(), out, 1 + size, size);
        return out;
    }

    private static void fixed(BigInteger v, byte[] out, int at, int size) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, size);
        System.arraycopy(b, b.length - n, out, at + size - n, n);
    }
}
