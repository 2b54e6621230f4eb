package io.lifeboat.tls.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The part of the TLS 1.3 key schedule (RFC 8446 §7.1) a reader of the server's first flight needs:
 * from the (EC)DHE shared secret and the transcript hash of ClientHello..ServerHello to the server's
 * handshake traffic key and IV. No PSK, so the early secret is HKDF-Extract(0, 0).
 */
public final class Tls13KeySchedule {
    private Tls13KeySchedule() {
    }

    /** The server_handshake_traffic_secret. */
    public static byte[] serverHandshakeSecret(TranscriptHash h, byte[] sharedSecret, byte[] helloTranscriptHash) {
        byte[] zeros = new byte[h.length()];
        byte[] early = extract(h, zeros, zeros);
        byte[] derived = expandLabel(h, early, "derived", h.hash(), h.length());
        byte[] handshake = extract(h, derived, sharedSecret);
        return expandLabel(h, handshake, "s hs traffic", helloTranscriptHash, h.length());
    }

    /** The write key and IV of a traffic secret. */
    public static TrafficKeys trafficKeys(Tls13RecordCipher c, byte[] trafficSecret) {
        TranscriptHash h = c.hash();
        return new TrafficKeys(expandLabel(h, trafficSecret, "key", new byte[0], c.keyLength()),
                expandLabel(h, trafficSecret, "iv", new byte[0], c.ivLength()));
    }

    /** A record-protection key and its static IV. */
    public record TrafficKeys(byte[] key, byte[] iv) {
        /** The per-record nonce: the IV XOR the 64-bit sequence number, right-aligned (RFC 8446 §5.3). */
        public byte[] nonce(long sequence) {
            byte[] n = Arrays.copyOf(iv, iv.length);
            for (int i = 0; i < 8; i++) {
                n[n.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
            }
            return n;
        }
    }

    static byte[] extract(TranscriptHash h, byte[] salt, byte[] ikm) {
        return h.hmac(salt, ikm);
    }

    /** HKDF-Expand-Label (RFC 8446 §7.1): the label gets the "tls13 " prefix. */
    public static byte[] expandLabel(TranscriptHash h, byte[] secret, String label, byte[] context, int length) {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + full.length + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) full.length;
        System.arraycopy(full, 0, info, 3, full.length);
        info[3 + full.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + full.length, context.length);
        return expand(h, secret, info, length);
    }

    static byte[] expand(TranscriptHash h, byte[] prk, byte[] info, int length) {
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int at = 0;
        for (int i = 1; at < length; i++) {
            t = h.hmac(prk, t, info, new byte[] {(byte) i});
            int n = Math.min(t.length, length - at);
            System.arraycopy(t, 0, out, at, n);
            at += n;
        }
        return out;
    }
}
