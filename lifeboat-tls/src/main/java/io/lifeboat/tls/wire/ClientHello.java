package io.lifeboat.tls.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A TLS ClientHello exactly as it goes on the wire: any legacy version, any list of two-byte suite
 * values (signalling values included), any compression methods and extensions. {@link #toRecords}
 * frames it into handshake records, fragmenting at 2^14 bytes as RFC 5246 §6.2.1 allows.
 *
 * @param legacyVersion the client_version field (0x0303 for TLS 1.2 and 1.3)
 * @param random        32 bytes
 * @param sessionId     0..32 bytes (TLS 1.3 "middlebox compatibility" hellos send 32)
 * @param cipherSuites  two-byte values, in offer order
 * @param compressions  compression method ids, in offer order
 * @param extensions    in order; empty means "no extensions block" (SSL 3.0 style)
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
        List<Integer> compressions, List<Extension> extensions) {

    public ClientHello {
        if (random.length != 32) {
            throw new IllegalArgumentException("random must be 32 bytes");
        }
        if (sessionId.length > 32) {
            throw new IllegalArgumentException("session id longer than 32 bytes");
        }
        cipherSuites = List.copyOf(cipherSuites);
        compressions = List.copyOf(compressions);
        extensions = List.copyOf(extensions);
    }

    /** The handshake message: type, u24 length, body. */
    public byte[] encode() {
        WireWriter w = new WireWriter();
        w.u8(Wire.CLIENT_HELLO).vector24(b -> {
            b.u16(legacyVersion).bytes(random).vector8(s -> s.bytes(sessionId));
            b.vector16(s -> cipherSuites.forEach(s::u16));
            b.vector8(c -> compressions.forEach(c::u8));
            if (!extensions.isEmpty()) {
                b.vector16(e -> extensions.forEach(x -> x.write(e)));
            }
        });
        return w.toByteArray();
    }

    /** The hello framed as handshake records with the given record-layer version. */
    public byte[] toRecords(int recordVersion) {
        return frame(Wire.HANDSHAKE, recordVersion, encode());
    }

    /** Frames {@code body} as records of one content type, at most 2^14 bytes each. */
    public static byte[] frame(int contentType, int recordVersion, byte[] body) {
        WireWriter w = new WireWriter();
        int at = 0;
        do {
            int n = Math.min(Wire.MAX_FRAGMENT, body.length - at);
            byte[] part = java.util.Arrays.copyOfRange(body, at, at + n);
            w.u8(contentType).u16(recordVersion).vector16(b -> b.bytes(part));
            at += n;
        } while (at < body.length);
        return w.toByteArray();
    }

    /** Parses a ClientHello handshake body (after type and length); used by tests and the fuzzers. */
    public static ClientHello parseBody(WireReader r) {
        int version = r.u16("client_version");
        byte[] random = r.bytes(32, "random");
        byte[] sid = r.vector8("session_id");
        if (sid.length > 32) {
            throw new WireFormatException(r.offset(), "session_id longer than 32 bytes");
        }
        WireReader suites = r.sub(r.u16("cipher_suites length"), "cipher_suites");
        List<Integer> ids = new ArrayList<>();
        while (suites.hasRemaining()) {
            ids.add(suites.u16("cipher suite"));
        }
        List<Integer> comps = new ArrayList<>();
        for (byte b : r.vector8("compression_methods")) {
            comps.add(b & 0xFF);
        }
        List<Extension> exts = Extension.parseBlock(r);
        r.expectEnd("ClientHello");
        return new ClientHello(version, random, sid, ids, comps, exts);
    }
}
