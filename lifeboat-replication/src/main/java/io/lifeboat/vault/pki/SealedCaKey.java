package io.lifeboat.vault.pki;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.Pem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The CA private key sealed under the {@link VaultKey} for the store: AES-256-GCM from the JDK.
 * <pre>
 *   byte    version (1)
 *   byte[12] nonce (random)
 *   byte[]  ciphertext of the key's PKCS#8 PEM, then the 16-byte tag
 * </pre>
 * The associated data is {@code "lifeboat-ca-key|" + storeUrl}: a sealed key copied to another store
 * (or prefix) does not open there. A wrong vault key, or one changed bit, fails the tag check.
 */
public final class SealedCaKey {
    static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedCaKey() {
    }

    public static byte[] seal(KeyPair ca, VaultKey key, String storeUrl) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(storeUrl));
            byte[] sealed = c.doFinal(Pem.privateKeyPem(ca).getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * @param where names the sealed key and the key file in messages
     * @throws LifeboatException USAGE when the key does not open it, or it was written by a newer version
     */
    public static PrivateKey open(byte[] sealed, VaultKey key, String storeUrl, String where) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, where + ": the sealed CA key is damaged (too short)");
        }
        if (sealed[0] != VERSION) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, where + ": the CA key is sealed in format " + sealed[0]
                    + ", newer than this Lifeboat knows (" + VERSION + "): upgrade Lifeboat on this node");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            c.updateAAD(aad(storeUrl));
            byte[] pem = c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
            return Pem.parsePrivateKey(new StringReader(new String(pem, StandardCharsets.US_ASCII)), where);
        } catch (AEADBadTagException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, where + ": this vault key does not open the CA key"
                    + " of the store (another store's key, or the store was moved): give the vault.key of a node on this store", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, where + ": cannot open the sealed CA key: " + e.getMessage(), e);
        }
    }

    private static byte[] aad(String storeUrl) {
        return ("lifeboat-ca-key|" + storeUrl).getBytes(StandardCharsets.UTF_8);
    }
}
