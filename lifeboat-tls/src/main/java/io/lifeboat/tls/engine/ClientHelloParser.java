package io.lifeboat.tls.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the versions out of the first TLS record of a connection without consuming it: the
 * record's version, the ClientHello's {@code legacy_version} and the supported_versions extension
 * (RFC 8446 §4.2.1), GREASE values (RFC 8701) skipped. A pure codec: bytes in, a value out.
 *
 * <p>Returns empty for anything that is not a (complete enough) TLS handshake record carrying a
 * ClientHello; it never throws on malformed input.
 */
public final class ClientHelloParser {
    static final int RECORD_HEADER = 5;
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SUPPORTED_VERSIONS = 43;
    static final int FALLBACK_SCSV = 0x5600;

    private ClientHelloParser() {
    }

    /** How many bytes the first record needs in total, or -1 when the header is not there yet. */
    public static int recordLength(byte[] b, int len) {
        if (len < RECORD_HEADER) {
            return -1;
        }
        return RECORD_HEADER + (((b[3] & 0xff) << 8) | (b[4] & 0xff));
    }

    public static Optional<OfferedVersions> parse(byte[] b, int len) {
        try {
            return Optional.ofNullable(parseOrNull(b, Math.min(len, b.length)));
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static OfferedVersions parseOrNull(byte[] b, int len) {
        if (len < RECORD_HEADER + 4 + 2 || (b[0] & 0xff) != HANDSHAKE || (b[5] & 0xff) != CLIENT_HELLO) {
            return null;
        }
        int recordVersion = u16(b, 1, len);
        int end = Math.min(len, recordLength(b, len));
        int p = RECORD_HEADER + 4;
        int legacyVersion = u16(b, p, end);
        p += 2 + 32;                                   // version, random
        p += 1 + u8(b, p, end);                        // session id
        int suitesLen = u16(b, p, end);
        boolean scsv = false;
        for (int i = p + 2; i + 1 < p + 2 + suitesLen && i + 1 < end; i += 2) {
            scsv |= u16(b, i, end) == FALLBACK_SCSV;
        }
        p += 2 + suitesLen;                            // cipher suites
        p += 1 + u8(b, p, end);                        // compression methods
        List<Integer> supported = new ArrayList<>();
        if (p + 2 <= end) {
            int extEnd = Math.min(end, p + 2 + u16(b, p, end));
            p += 2;
            while (p + 4 <= extEnd) {
                int type = u16(b, p, end);
                int extLen = u16(b, p + 2, end);
                int body = p + 4;
                if (type == SUPPORTED_VERSIONS && body < extEnd) {
                    int listLen = u8(b, body, end);
                    for (int i = body + 1; i + 1 < body + 1 + listLen && i + 1 < extEnd; i += 2) {
                        int v = u16(b, i, end);
                        if (!isGrease(v)) {
                            supported.add(v);
                        }
                    }
                }
                p = body + extLen;
            }
        }
        return new OfferedVersions(recordVersion, legacyVersion, supported, scsv);
    }

    static boolean isGrease(int v) {
        return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
    }

    private static int u8(byte[] b, int i, int end) {
        if (i >= end) {
            throw new IndexOutOfBoundsException(i);
        }
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i, int end) {
        return (u8(b, i, end) << 8) | u8(b, i + 1, end);
    }
}
