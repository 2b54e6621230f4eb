package io.lifeboat.tls.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A parsed ServerHello, or a HelloRetryRequest (RFC 8446 §4.1.3: a ServerHello whose random is the
 * SHA-256 of "HelloRetryRequest"). Both name the chosen suite, so both prove a suite is accepted.
 */
public record ServerHello(int legacyVersion, byte[] random, byte[] sessionId, int cipherSuite,
        int compression, List<Extension> extensions) {

    public static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of()
            .parseHex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    /** RFC 8446 §4.1.3: the last 8 bytes of a TLS 1.3 server's random when it negotiates 1.2 ... */
    public static final byte[] DOWNGRADE_TLS12 = {'D', 'O', 'W', 'N', 'G', 'R', 'D', 1};
    /** ... or 1.1 and below. */
    public static final byte[] DOWNGRADE_TLS11 = {'D', 'O', 'W', 'N', 'G', 'R', 'D', 0};

    public ServerHello {
        extensions = List.copyOf(extensions);
    }

    /** Parses the handshake body (after type and length). */
    public static ServerHello parseBody(WireReader r) {
        int version = r.u16("server_version");
        byte[] random = r.bytes(32, "random");
        byte[] sid = r.vector8("session_id");
        if (sid.length > 32) {
            throw new WireFormatException(r.offset(), "session_id longer than 32 bytes");
        }
        int suite = r.u16("cipher_suite");
        int compression = r.u8("compression_method");
        List<Extension> exts = Extension.parseBlock(r);
        r.expectEnd("ServerHello");
        return new ServerHello(version, random, sid, suite, compression, exts);
    }

    public boolean helloRetryRequest() {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    /** The version the server chose: supported_versions when present (TLS 1.3), else the legacy field. */
    public int negotiatedVersion() {
        Extension sv = Extension.find(extensions, Wire.EXT_SUPPORTED_VERSIONS);
        if (sv != null && sv.data().length == 2) {
            return (sv.data()[0] & 0xFF) << 8 | sv.data()[1] & 0xFF;
        }
        return legacyVersion;
    }

    /** The group in key_share: the group of the server's share, or the group an HRR asks for. */
    public Optional<Integer> keyShareGroup() {
        Extension ks = Extension.find(extensions, Wire.EXT_KEY_SHARE);
        if (ks == null || ks.data().length < 2) {
            return Optional.empty();
        }
        return Optional.of((ks.data()[0] & 0xFF) << 8 | ks.data()[1] & 0xFF);
    }

    public boolean hasExtension(int type) {
        return Extension.find(extensions, type) != null;
    }

    private byte[] randomTail() {
        return Arrays.copyOfRange(random, 24, 32);
    }

    /** True when the random ends in the TLS 1.2 downgrade sentinel "DOWNGRD\1". */
    public boolean tls12DowngradeSentinel() {
        return Arrays.equals(randomTail(), DOWNGRADE_TLS12);
    }

    /** True when the random ends in the TLS 1.1-and-below sentinel "DOWNGRD\0". */
    public boolean tls11DowngradeSentinel() {
        return Arrays.equals(randomTail(), DOWNGRADE_TLS11);
    }
}
