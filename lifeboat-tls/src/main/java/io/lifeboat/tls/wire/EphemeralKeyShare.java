package io.lifeboat.tls.wire;

import io.lifeboat.tls.NamedGroup;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.KeyAgreement;

/**
 * One ephemeral (EC)DHE key pair for a TLS 1.3 key_share, made with the JDK (XDH, EC), that can also
 * agree on the shared secret with the server's share (RFC 8446 §7.4.2). The public half is encoded
 * as the wire wants it: the little-endian u-coordinate for X25519/X448 (RFC 7748), an uncompressed
 * point for the NIST curves.
 */
public final class EphemeralKeyShare {
    /** The groups this class can make keys for. */
    public static final Set<NamedGroup> SUPPORTED = EnumSet.of(NamedGroup.X25519, NamedGroup.SECP256R1,
            NamedGroup.SECP384R1, NamedGroup.SECP521R1, NamedGroup.X448);

    private final NamedGroup group;
    private final KeyPair pair;
    private final byte[] publicKey;

    private EphemeralKeyShare(NamedGroup group, KeyPair pair, byte[] publicKey) {
        this.group = group;
        this.pair = pair;
        this.publicKey = publicKey;
    }

    public static EphemeralKeyShare generate(NamedGroup group) {
        try {
            return switch (group) {
                case X25519 -> xdh(group, NamedParameterSpec.X25519, 32);
                case X448 -> xdh(group, NamedParameterSpec.X448, 56);
                case SECP256R1 -> ec(group, "secp256r1");
                case SECP384R1 -> ec(group, "secp384r1");
                case SECP521R1 -> ec(group, "secp521r1");
                default -> throw new IllegalArgumentException("no key share generator for " + group);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a " + group + " key: " + e.getMessage(), e);
        }
    }

    public NamedGroup group() {
        return group;
    }

    /** The key_exchange bytes of this share. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * The shared secret with the server's key_exchange bytes.
     *
     * @throws GeneralSecurityException when the server's share is not a valid key of this group
     */
    public byte[] agree(byte[] peer) throws GeneralSecurityException {
        boolean xdh = group == NamedGroup.X25519 || group == NamedGroup.X448;
        KeyAgreement ka = KeyAgreement.getInstance(xdh ? "XDH" : "ECDH");
        ka.init(pair.getPrivate());
        ka.doPhase(xdh ? xdhPublic(peer) : ecPublic(peer), true);
        return ka.generateSecret();
    }

    private PublicKey xdhPublic(byte[] le) throws GeneralSecurityException {
        int size = group == NamedGroup.X25519 ? 32 : 56;
        if (le.length != size) {
            throw new GeneralSecurityException(group + " share of " + le.length + " bytes, expected " + size);
        }
        byte[] be = new byte[size];
        for (int i = 0; i < size; i++) {
            be[i] = le[size - 1 - i];
        }
        if (group == NamedGroup.X25519) {
            be[0] &= 0x7F; // RFC 7748 §5: the top bit of the last byte is ignored
        }
        NamedParameterSpec spec = group == NamedGroup.X25519 ? NamedParameterSpec.X25519 : NamedParameterSpec.X448;
        return KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(spec, new BigInteger(1, be)));
    }

    private PublicKey ecPublic(byte[] point) throws GeneralSecurityException {
        ECParameterSpec params = ((ECPrivateKey) pair.getPrivate()).getParams();
        int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
        if (point.length != 1 + 2 * size || point[0] != 4) {
            throw new GeneralSecurityException(group + " share is not an uncompressed point of " + (1 + 2 * size) + " bytes");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 1 + size));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(point, 1 + size, point.length));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
    }

    private static EphemeralKeyShare xdh(NamedGroup group, NamedParameterSpec spec, int size)
            throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
        g.initialize(spec);
        KeyPair kp = g.generateKeyPair();
        byte[] be = ((XECPublicKey) kp.getPublic()).getU().toByteArray();
        byte[] le = new byte[size];
        for (int i = 0; i < size && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return new EphemeralKeyShare(group, kp, le);
    }

    private static EphemeralKeyShare ec(NamedGroup group, String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        KeyPair kp = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        int size = (pub.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] out = new byte[1 + 2 * size];
        out[0] = 4; // uncompressed point
        fixed(pub.getW().getAffineX(), out, 1, size);
        fixed(pub.getW().getAffineY(), out, 1 + size, size);
        return new EphemeralKeyShare(group, kp, out);
    }

    private static void fixed(BigInteger v, byte[] out, int at, int size) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, size);
        System.arraycopy(b, b.length - n, out, at + size - n, n);
    }
}
