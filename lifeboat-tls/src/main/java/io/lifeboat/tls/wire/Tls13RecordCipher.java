package io.lifeboat.tls.wire;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Record protection of the TLS 1.3 suites the scanner can read, with wire id, hash and lengths.
 * Built on Bouncy Castle's lightweight ciphers, not the JDK's, because the JDK has neither AES-CCM
 * (0x1304, 0x1305) nor SM4 (RFC 8998); a server that offers only one of those would otherwise hide
 * its certificate. The integrity-only suites of RFC 9150 protect a record with an HMAC and no
 * encryption. Not here (no implementation to build on): AEGIS (0x1306/0x1307) and the GOST MGM suites
 * (0xC103-0xC106); a server that accepts only those has its certificate reported unread.
 */
public enum Tls13RecordCipher {
    AES_128_GCM_SHA256(0x1301, TranscriptHash.SHA256, 16, 12, 16),
    AES_256_GCM_SHA384(0x1302, TranscriptHash.SHA384, 32, 12, 16),
    CHACHA20_POLY1305_SHA256(0x1303, TranscriptHash.SHA256, 32, 12, 16),
    AES_128_CCM_SHA256(0x1304, TranscriptHash.SHA256, 16, 12, 16),
    AES_128_CCM_8_SHA256(0x1305, TranscriptHash.SHA256, 16, 12, 8),
    SM4_GCM_SM3(0x00C6, TranscriptHash.SM3, 16, 12, 16),
    SM4_CCM_SM3(0x00C7, TranscriptHash.SM3, 16, 12, 16),
    /** RFC 9150 §5: key and IV as long as the hash; the tag is the HMAC. */
    SHA256_SHA256(0xC0B4, TranscriptHash.SHA256, 32, 32, 32),
    SHA384_SHA384(0xC0B5, TranscriptHash.SHA384, 48, 48, 48);

    private final int suite;
    private final TranscriptHash hash;
    private final int keyLength;
    private final int ivLength;
    private final int tagLength;

    Tls13RecordCipher(int suite, TranscriptHash hash, int keyLength, int ivLength, int tagLength) {
        this.suite = suite;
        this.hash = hash;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.tagLength = tagLength;
    }

    public static Optional<Tls13RecordCipher> forSuite(int id) {
        for (Tls13RecordCipher c : values()) {
            if (c.suite == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public int suite() {
        return suite;
    }

    public TranscriptHash hash() {
        return hash;
    }

    public int keyLength() {
        return keyLength;
    }

    public int ivLength() {
        return ivLength;
    }

    public int tagLength() {
        return tagLength;
    }

    /**
     * Opens a protected record body.
     *
     * @param aad the record header (type, version, length), RFC 8446 §5.2
     * @return the TLSInnerPlaintext
     * @throws InvalidCipherTextException when the tag does not verify
     */
    public byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) throws InvalidCipherTextException {
        if (sealed.length < tagLength) {
            throw new InvalidCipherTextException("record shorter than its " + tagLength + "-byte tag");
        }
        if (integrityOnly()) {
            byte[] plain = Arrays.copyOf(sealed, sealed.length - tagLength);
            byte[] tag = hash.hmac(key, nonce, aad, plain);
            if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(sealed, plain.length, sealed.length))) {
                throw new InvalidCipherTextException("HMAC of the record does not verify");
            }
            return plain;
        }
        return run(false, key, nonce, aad, sealed);
    }

    /** Protects a TLSInnerPlaintext; the inverse of {@link #open} (tests and scripted peers use it). */
    public byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
        if (integrityOnly()) {
            byte[] tag = hash.hmac(key, nonce, aad, plain);
            byte[] out = Arrays.copyOf(plain, plain.length + tag.length);
            System.arraycopy(tag, 0, out, plain.length, tag.length);
            return out;
        }
        try {
            return run(true, key, nonce, aad, plain);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("sealing cannot fail: " + e.getMessage(), e);
        }
    }

    private boolean integrityOnly() {
        return this == SHA256_SHA256 || this == SHA384_SHA384;
    }

    private byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in)
            throws InvalidCipherTextException {
        AEADCipher c = aead();
        c.init(encrypt, new AEADParameters(new KeyParameter(key), tagLength * 8, nonce, aad));
        byte[] out = new byte[c.getOutputSize(in.length)];
        int n = c.processBytes(in, 0, in.length, out, 0);
        n += c.doFinal(out, n);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private AEADCipher aead() {
        return switch (this) {
            case AES_128_GCM_SHA256, AES_256_GCM_SHA384 -> GCMBlockCipher.newInstance(aes());
            case AES_128_CCM_SHA256, AES_128_CCM_8_SHA256 -> CCMBlockCipher.newInstance(aes());
            case CHACHA20_POLY1305_SHA256 -> new ChaCha20Poly1305();
            case SM4_GCM_SM3 -> GCMBlockCipher.newInstance(new SM4Engine());
            case SM4_CCM_SM3 -> CCMBlockCipher.newInstance(new SM4Engine());
            default -> throw new IllegalStateException(this + " is not an AEAD");
        };
    }

    private static BlockCipher aes() {
        return AESEngine.newInstance();
    }
}
