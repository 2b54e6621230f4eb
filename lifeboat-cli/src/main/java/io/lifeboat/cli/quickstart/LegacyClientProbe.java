package io.lifeboat.cli.quickstart;

import io.lifeboat.scan.probe.HelloFactory;
import io.lifeboat.scan.wire.AlertDescription;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.vault.HostPort;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Plays a client that speaks TLS 1.1 at most: sends a TLS 1.1 ClientHello (CBC suites, as such
 * clients offer) built by the scanner's codec, on a plain socket, so the JVM's own TLS settings are
 * never touched (JSSE refuses to send TLS 1.1 by default, rightly), and reads what the server answers.
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
                    return new Outcome(true, "alert " + AlertDescription.nameOf(desc) + " (" + desc + ")"
                            + (level == 2 ? ", fatal" : ""));
                }
            } catch (EOFException e) {
                return new Outcome(true, "connection closed without an alert");
            }
            return new Outcome(type != 0x16, type == 0x16 ? "the server answered the TLS 1.1 hello with a handshake"
                    : "unexpected record type " + type);
        }
    }

    /** A TLS 1.1 ClientHello offering six CBC suites, as a TLS 1.1-only client does. */
    static byte[] clientHello() {
        return new HelloFactory(Optional.empty()).hello(ProtocolVersion.TLS_1_1,
                IntStream.of(SUITES).boxed().toList());
    }
}
