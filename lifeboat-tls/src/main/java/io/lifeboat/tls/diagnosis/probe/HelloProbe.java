package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.diagnosis.HelloProbeResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * Follow-up probes with hand-made hellos, one connection each: "does the server answer TLS 1.0/1.1?"
 * and "which suite does it pick when offered every TLS 1.2 suite?".
 */
final class HelloProbe {
    /** CBC-era suites an old TLS 1.0/1.1 server picks from (ECDHE, DHE and RSA key exchange). */
    static final List<Integer> LEGACY_SUITES = List.of(0xc014, 0xc00a, 0xc013, 0xc009, 0x0039, 0x0033, 0x0035,
            0x002f, 0x000a, 0x0005);

    private HelloProbe() {
    }

    static HelloProbeResult legacy(ProbeOptions o) {
        return run(o, ProtocolVersion.TLS_1_1, LEGACY_SUITES, "TLSv1 and TLSv1.1 only, CBC suites");
    }

    static HelloProbeResult allTls12Suites(ProbeOptions o) {
        List<Integer> all = java.util.Arrays.stream(CipherSuite.values())
                .filter(s -> !s.tls13() && s.usableWith(ProtocolVersion.TLS_1_2))
                .map(CipherSuite::id).toList();
        return run(o, ProtocolVersion.TLS_1_2, all, "TLSv1.2 with every TLS 1.2 suite (" + all.size() + ")");
    }

    private static HelloProbeResult run(ProbeOptions o, ProtocolVersion max, List<Integer> suites, String offered) {
        int ms = (int) Math.min(Integer.MAX_VALUE, o.timeout().toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(o.host(), o.port()), ms);
            s.setSoTimeout(ms);
            String sni = isDnsName(o.host()) ? o.host() : null;
            s.getOutputStream().write(LegacyClientHello.encode(max, suites, sni));
            s.getOutputStream().flush();
            return ServerHelloReader.read(new WireReader(s.getInputStream()), offered);
        } catch (WireReader.Ended e) {
            return switch (e.end) {
                case RESET -> HelloProbeResult.other(HelloProbeResult.Outcome.RESET, offered, "the connection was reset");
                case EOF -> HelloProbeResult.other(HelloProbeResult.Outcome.EOF, offered,
                        "the connection was closed without an alert");
                default -> HelloProbeResult.other(HelloProbeResult.Outcome.TIMEOUT, offered, "no answer");
            };
        } catch (SocketTimeoutException e) {
            return HelloProbeResult.other(HelloProbeResult.Outcome.TIMEOUT, offered, "no answer");
        } catch (IOException | RuntimeException e) {
            return HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered, Failures.describe(e));
        }
    }

    static boolean isDnsName(String host) {
        return !host.contains(":") && !host.matches("[0-9.]+");
    }
}
