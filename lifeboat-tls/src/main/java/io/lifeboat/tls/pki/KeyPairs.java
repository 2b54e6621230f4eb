package io.lifeboat.tls.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key pair generation with the JDK providers (keys never need Bouncy Castle's provider). */
public final class KeyPairs {
    private KeyPairs() {
    }

    /** ECDSA P-256: the vault CA, the vault server and the machines. */
    public static KeyPair ecP256() {
        return ec("secp256r1");
    }

    public static KeyPair ecP384() {
        return ec("secp384r1");
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC key on " + curve, e);
        }
    }

    /** RSA, for tests and peers that need it (a 1024-bit key is a "weak key" fixture). */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key of " + bits + " bits", e);
        }
    }
}
