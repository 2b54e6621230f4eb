package io.lifeboat.cli.quickstart;

import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.Extensions;
import io.lifeboat.tls.wire.ServerFlight;
import io.lifeboat.tls.wire.ServerMessage;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.wire.WireFormatException;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.vault.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Plays a client that speaks TLS 1.1 at most: sends a TLS 1.1 ClientHello (CBC suites, as such
 * clients offer) built by the shared wire codec ({@code io.lifeboat.tls.wire}), on a plain socket, so the JVM's own TLS settings are
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
            ServerFlight flight = new ServerFlight();
            InputStream in = s.getInputStream();
            byte[] chunk = new byte[4096];
            while (flight.messages().isEmpty()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return new Outcome(true, "connection closed without an alert");
                }
                try {
                    flight.feed(chunk, 0, n);
                } catch (WireFormatException e) {
                    return new Outcome(true, "an answer that is not TLS: " + e.getMessage());
                }
            }
            ServerMessage first = flight.messages().get(0);
            if (first instanceof ServerMessage.AlertReceived a) {
                return new Outcome(true, "alert " + a.alert().descriptionName() + " (" + a.alert().description() + ")"
                        + (a.alert().fatal() ? ", fatal" : ""));
            }
            return new Outcome(!(first instanceof ServerMessage.Hello),
                    first instanceof ServerMessage.Hello ? "the server answered the TLS 1.1 hello with a handshake"
                            : "unexpected answer " + first);
        }
    }

    /** A TLS 1.1 ClientHello offering six CBC suites, as a TLS 1.1-only client does (the shared codec). */
    static byte[] clientHello() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        ClientHello hello = new ClientHello(ProtocolVersion.TLS_1_1.wireId(), random, new byte[0],
                IntStream.of(SUITES).boxed().toList(), List.of(Wire.COMPRESSION_NULL),
                List.of(Extensions.supportedGroups(List.of(0x001d, 0x0017, 0x0018)), Extensions.ecPointFormats()));
        return hello.toRecords(ProtocolVersion.TLS_1_0.wireId());
    }
}
