package io.lifeboat.cli.quickstart;

import io.lifeboat.vault.HostPort;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Plays a client that speaks TLS 1.1 at most: sends a raw TLS 1.1 ClientHello (CBC suites, as such
 * clients offer) and reads what the server answers. Written by hand on a plain socket so the JVM's
 * own TLS settings are never touched (JSSE refuses to send TLS 1.1 by default, rightly).
 */
final class LegacyClientProbe {
    /** What the server did with the TLS 1.1 hello. */
    record Outcome(boolean refused, String description) {
    }

    private static final int[] SUITES = {0xc00a, 0xc009, 0xc014, 0xc013, 0x0035, 0x002f};

    private LegacyClientProbe() {
    }

    static Outcome probe(HostPort vault) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(vault.host(), vault.port()), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(clientHello());
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type;
            try {
                type = in.readUnsignedByte();
                in.readUnsignedShort();
                int len = in.readUnsignedShort();
                if (type == 0x15 && len >= 2) {
                    int level = in.readUnsignedByte();
                    int desc = in.readUnsignedByte();
                    return new Outcome(true, "alert " + alertName(desc) + " (" + desc + ")"
                            + (level == 2 ? ", fatal" : ""));
                }
            } catch (EOFException e) {
                return new Outcome(true, "connection closed without an alert");
            }
            return new Outcome(type != 0x16, type == 0x16 ? "the server answered the TLS 1.1 hello with a handshake"
                    : "unexpected record type " + type);
        }
    }

    static String alertName(int desc) {
        return switch (desc) {
            case 70 -> "protocol_version";
            case 40 -> "handshake_failure";
            case 47 -> "illegal_parameter";
            case 80 -> "internal_error";
            default -> "#" + desc;
        };
    }

    /** A TLS 1.1 ClientHello: version 3.2, six CBC suites, no compression, groups and point formats. */
    static byte[] clientHello() {
        ByteBuffer ext = ByteBuffer.allocate(64);
        ext.putShort((short) 0x000a).putShort((short) 6).putShort((short) 4).putShort((short) 0x001d).putShort((short) 0x0017);
        ext.putShort((short) 0x000b).putShort((short) 2).put((byte) 1).put((byte) 0);
        ext.flip();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ByteBuffer body = ByteBuffer.allocate(256);
        body.putShort((short) 0x0302).put(random).put((byte) 0);
        body.putShort((short) (SUITES.length * 2));
        for (int suite : SUITES) {
            body.putShort((short) suite);
        }
        body.put((byte) 1).put((byte) 0);
        body.putShort((short) ext.remaining()).put(ext);
        body.flip();
        int hsLen = body.remaining();
        ByteBuffer rec = ByteBuffer.allocate(5 + 4 + hsLen);
        rec.put((byte) 0x16).putShort((short) 0x0301).putShort((short) (4 + hsLen));
        rec.put((byte) 1).put((byte) (hsLen >>> 16)).putShort((short) hsLen).put(body);
        return rec.array();
    }
}
