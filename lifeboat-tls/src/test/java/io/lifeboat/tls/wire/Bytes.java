package io.lifeboat.tls.wire;

import java.util.HexFormat;

/** Hex helpers for codec tests. */
final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A handshake record carrying one message of {@code type} with {@code body}. */
    static byte[] handshakeRecord(int type, byte[] body) {
        WireWriter w = new WireWriter().u8(type).vector24(b -> b.bytes(body));
        return ClientHello.frame(Wire.HANDSHAKE, 0x0303, w.toByteArray());
    }

    static byte[] serverHelloBody(int version, byte[] random, int suite, int compression, Extension... ext) {
        WireWriter w = new WireWriter().u16(version).bytes(random).vector8(s -> { }).u16(suite).u8(compression);
        if (ext.length > 0) {
            w.vector16(e -> {
                for (Extension x : ext) {
                    x.write(e);
                }
            });
        }
        return w.toByteArray();
    }
}
