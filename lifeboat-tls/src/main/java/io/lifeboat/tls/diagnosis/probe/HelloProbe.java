package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.Extension;
import io.lifeboat.tls.wire.Extensions;
import io.lifeboat.tls.wire.Wire;

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

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final List<Integer> GROUPS = List.of(0x001d, 0x0017, 0x0018, 0x0019);
    private static final List<Integer> SIGNATURE_SCHEMES = List.of(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501,
            0x0806, 0x0601, 0x0603, 0x0201, 0x0203);

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

    /** A TLS 1.3 hello offering every TLS 1.3 suite of the registry, with X25519 and P-256 key shares. */
    static HelloProbeResult allTls13Suites(ProbeOptions o) {
        List<Integer> all = java.util.Arrays.stream(CipherSuite.values()).filter(CipherSuite::tls13).map(CipherSuite::id).toList();
        String sni = isDnsName(o.host()) ? o.host() : null;
        return send(o, encode13(all, sni), "TLSv1.3 with every TLS 1.3 suite (" + all.size() + ")");
    }

    /** A TLS 1.3 ClientHello (shared codec): supported_versions 1.3 only, real key shares. */
    static byte[] encode13(List<Integer> suites, String sni) {
        List<Extension> ext = new java.util.ArrayList<>();
        if (sni != null) {
            ext.add(Extensions.serverName(sni));
        }
        List<io.lifeboat.tls.NamedGroup> shares = List.of(io.lifeboat.tls.NamedGroup.X25519, io.lifeboat.tls.NamedGroup.SECP256R1);
        ext.add(Extensions.supportedGroups(List.of(0x001d, 0x0017, 0x0018, 0x0019, 0x001e)));
        ext.add(Extensions.signatureAlgorithms(java.util.Arrays.stream(io.lifeboat.tls.SignatureScheme.values())
                .map(io.lifeboat.tls.SignatureScheme::wireId).toList()));
        ext.add(Extensions.supportedVersions(List.of(ProtocolVersion.TLS_1_3.wireId())));
        ext.add(Extensions.pskKeyExchangeModes());
        ext.add(Extensions.keyShare(shares.stream().map(io.lifeboat.tls.wire.KeyShares::of).toList()));
        byte[] random = new byte[32];
        byte[] session = new byte[32];
        RANDOM.nextBytes(random);
        RANDOM.nextBytes(session);
        return new ClientHello(ProtocolVersion.TLS_1_2.wireId(), random, session, suites, List.of(Wire.COMPRESSION_NULL), ext)
                .toRecords(ProtocolVersion.TLS_1_0.wireId());
    }

    private static HelloProbeResult run(ProbeOptions o, ProtocolVersion max, List<Integer> suites, String offered) {
        String sni = isDnsName(o.host()) ? o.host() : null;
        return send(o, encode(max, suites, sni), offered);
    }

    private static HelloProbeResult send(ProbeOptions o, byte[] hello, String offered) {
        int ms = (int) Math.min(Integer.MAX_VALUE, o.timeout().toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(o.host(), o.port()), ms);
            s.setSoTimeout(ms);
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            return HelloAnswer.read(new PeerStream(s.getInputStream()), offered);
        } catch (PeerStream.Ended e) {
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

    /**
     * A follow-up hello written by the shared codec: {@code max} as client_version (TLS 1.0 to 1.2),
     * the suites and the renegotiation SCSV, null compression, server_name, the common groups, point
     * formats and (for TLS 1.2) signature algorithms; record version TLS 1.0, as compatible clients send.
     */
    static byte[] encode(ProtocolVersion max, List<Integer> suites, String sni) {
        List<Integer> values = new java.util.ArrayList<>(suites);
        values.add(Wire.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        List<Extension> ext = new java.util.ArrayList<>();
        if (sni != null) {
            ext.add(Extensions.serverName(sni));
        }
        ext.add(Extensions.supportedGroups(GROUPS));
        ext.add(Extensions.ecPointFormats());
        if (max == ProtocolVersion.TLS_1_2) {
            ext.add(Extensions.signatureAlgorithms(SIGNATURE_SCHEMES));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return new ClientHello(max.wireId(), random, new byte[0], values, List.of(Wire.COMPRESSION_NULL), ext)
                .toRecords(ProtocolVersion.TLS_1_0.wireId());
    }

    static boolean isDnsName(String host) {
        return !host.contains(":") && !host.matches("[0-9.]+");
    }
}
