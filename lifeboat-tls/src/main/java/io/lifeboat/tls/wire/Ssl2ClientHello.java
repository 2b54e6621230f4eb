package io.lifeboat.tls.wire;

import java.util.List;

/**
 * An SSL 2.0-format CLIENT-HELLO (two-byte record header with the high bit set, message type 1).
 * With version 0x0002 it asks for SSL 2.0 itself; servers that still speak SSL 2.0 answer with an
 * SSL 2.0 SERVER-HELLO ({@link Ssl2ServerHello}).
 *
 * @param version     0x0002 for SSL 2.0
 * @param cipherSpecs three-byte cipher kinds (SSL 2.0) and/or 0x00XXXX-wrapped TLS suites
 * @param challenge   16..32 bytes
 */
public record Ssl2ClientHello(int version, List<Integer> cipherSpecs, byte[] challenge) {

    public Ssl2ClientHello {
        cipherSpecs = List.copyOf(cipherSpecs);
        if (challenge.length < 16 || challenge.length > 32) {
            throw new IllegalArgumentException("SSL 2.0 challenge must be 16..32 bytes");
        }
    }

    public byte[] encode() {
        WireWriter body = new WireWriter();
        body.u8(1).u16(version).u16(cipherSpecs.size() * 3).u16(0).u16(challenge.length);
        cipherSpecs.forEach(body::u24);
        body.bytes(challenge);
        byte[] b = body.toByteArray();
        if (b.length > 0x7FFF) {
            throw new IllegalArgumentException("SSL 2.0 hello too long: " + b.length);
        }
        return new WireWriter().u16(0x8000 | b.length).bytes(b).toByteArray();
    }
}
