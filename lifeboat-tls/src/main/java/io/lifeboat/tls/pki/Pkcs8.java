package io.lifeboat.tls.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;

/**
 * An unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}) read by the JDK's own
 * {@link KeyFactory}: the key's algorithm comes from the object identifier in its DER, the only
 * part of the structure read here ({@code SEQUENCE { INTEGER version, SEQUENCE { OID, ... }, ... }}).
 */
final class Pkcs8 {
    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.10045.2.1", "EC",
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10040.4.1", "DSA",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519",
            "1.3.101.111", "X448");

    private Pkcs8() {
    }

    /** @param where names the source in error messages */
    static PrivateKey privateKey(byte[] der, String where) throws IOException {
        String oid = algorithmOid(der, where);
        String algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new IOException(where + ": a private key of an unknown algorithm (" + oid + ")");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(where + ": not a valid " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    /** The dotted object identifier of the key's algorithm. */
    static String algorithmOid(byte[] der, String where) throws IOException {
        Der d = new Der(der, where);
        d.enter(0x30); // PrivateKeyInfo
        d.skip(0x02); // version
        d.enter(0x30); // AlgorithmIdentifier
        int length = d.enter(0x06);
        return d.oid(length);
    }

    /** Just enough of a DER reader to walk down to the algorithm's identifier. */
    private static final class Der {
        private final byte[] der;
        private final String where;
        private int at;

        Der(byte[] der, String where) {
            this.der = der;
            this.where = where;
        }

        /** Reads a tag and a length; returns the length, leaving the position at the contents. */
        int enter(int tag) throws IOException {
            if (at >= der.length || (der[at] & 0xff) != tag) {
                throw malformed();
            }
            at++;
            int first = next();
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 3) {
                    throw malformed();
                }
                length = 0;
                for (int k = 0; k < octets; k++) {
                    length = (length << 8) | next();
                }
            }
            if (length > der.length - at) {
                throw malformed();
            }
            return length;
        }

        void skip(int tag) throws IOException {
            int length = enter(tag);
            at += length;
        }

        String oid(int length) throws IOException {
            if (length == 0) {
                throw malformed();
            }
            StringBuilder sb = new StringBuilder();
            int end = at + length;
            long value = 0;
            boolean first = true;
            while (at < end) {
                int b = next();
                value = (value << 7) | (b & 0x7f);
                if (value > (1L << 48)) {
                    throw malformed();
                }
                if ((b & 0x80) == 0) {
                    if (first) {
                        int top = (int) Math.min(2, value / 40);
                        sb.append(top).append('.').append(value - 40L * top);
                        first = false;
                    } else {
                        sb.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return sb.toString();
        }

        private int next() throws IOException {
            if (at >= der.length) {
                throw malformed();
            }
            return der[at++] & 0xff;
        }

        private IOException malformed() {
            return new IOException(where + ": not a PKCS#8 private key (malformed DER at byte " + at + ")");
        }
    }
}
