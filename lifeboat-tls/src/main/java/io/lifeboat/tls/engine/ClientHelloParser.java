package io.lifeboat.tls.engine;

import io.lifeboat.tls.wire.Extension;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.wire.WireFormatException;
import io.lifeboat.tls.wire.WireReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the versions out of the first TLS record of a connection without consuming it: the
 * record's version, the ClientHello's {@code legacy_version} and the supported_versions extension
 * (RFC 8446 §4.2.1), GREASE values (RFC 8701) skipped, through the shared codec
 * ({@link io.lifeboat.tls.wire.WireReader}, {@link io.lifeboat.tls.wire.Extension}). Bytes in, a value out.
 *
 * <p>Returns empty for anything that is not a (complete enough) TLS handshake record carrying a
 * ClientHello; it never throws on malformed input.
 */
public final class ClientHelloParser {
    static final int RECORD_HEADER = 5;
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
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
        int n = Math.min(len, b.length);
        if (n < RECORD_HEADER + 4 + 2 || (b[0] & 0xff) != HANDSHAKE || (b[5] & 0xff) != CLIENT_HELLO) {
            return Optional.empty();
        }
        int recordVersion = (b[1] & 0xff) << 8 | (b[2] & 0xff);
        int end = Math.min(n, recordLength(b, n));
        // The shared codec's bounds-checked reader; the fixed part must be whole, the extensions of a
        // hello longer than the first record are read as far as they go.
        WireReader r = new WireReader(b, RECORD_HEADER + 4, end, RECORD_HEADER + 4);
        int legacyVersion;
        boolean scsv = false;
        try {
            legacyVersion = r.u16("legacy_version");
            r.bytes(32, "random");
            r.vector8("legacy_session_id");
            WireReader suites = r.sub(r.u16("cipher_suites length"), "cipher_suites");
            while (suites.hasRemaining()) {
                scsv |= suites.u16("cipher suite") == FALLBACK_SCSV;
            }
            r.vector8("legacy_compression_methods");
        } catch (WireFormatException notAHello) {
            return Optional.empty();
        }
        List<Integer> supported = new ArrayList<>();
        try {
            for (Extension e : Extension.parseBlock(r)) {
                if (e.type() == Wire.EXT_SUPPORTED_VERSIONS) {
                    WireReader list = new WireReader(e.data());
                    WireReader versions = list.sub(list.u8("versions length"), "versions");
                    while (versions.hasRemaining()) {
                        int v = versions.u16("version");
                        if (!isGrease(v)) {
                            supported.add(v);
                        }
                    }
                }
            }
        } catch (WireFormatException truncatedOrMalformed) {
            // an extension block cut by the record's end: keep what was read
        }
        return Optional.of(new OfferedVersions(recordVersion, legacyVersion, supported, scsv));
    }

    static boolean isGrease(int v) {
        return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
    }
}
