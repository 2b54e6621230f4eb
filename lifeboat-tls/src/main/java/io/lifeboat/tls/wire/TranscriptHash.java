package io.lifeboat.tls.wire;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The hash a TLS 1.3 suite names, which drives its transcript hash and its HKDF (RFC 8446 §7.1).
 * Bouncy Castle's lightweight digests rather than JCA providers, because the JDK has no SM3 (RFC 8998)
 * and a provider would have to be installed process-wide to get one.
 */
public enum TranscriptHash {
    SHA256(32), SHA384(48), SM3(32);

    private final int length;

    TranscriptHash(int length) {
        this.length = length;
    }

    /** Output length in bytes. */
    public int length() {
        return length;
    }

    public Digest newDigest() {
        return switch (this) {
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SM3 -> new SM3Digest();
        };
    }

    public byte[] hash(byte[]... parts) {
        Digest d = newDigest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[length];
        d.doFinal(out, 0);
        return out;
    }

    public byte[] hmac(byte[] key, byte[]... parts) {
        HMac mac = new HMac(newDigest());
        mac.init(new KeyParameter(key));
        for (byte[] p : parts) {
            mac.update(p, 0, p.length);
        }
        byte[] out = new byte[length];
        mac.doFinal(out, 0);
        return out;
    }
}
