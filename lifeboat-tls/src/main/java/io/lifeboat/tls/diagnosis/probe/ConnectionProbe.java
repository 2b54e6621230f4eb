package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.diagnosis.CertificateExplainer;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.SocketOutcome;
import io.lifeboat.tls.diagnosis.TlsAlert;
import io.lifeboat.tls.diagnosis.TransportEnd;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The probing adapter: connects the way an agent does (TLS12_PLUS, the machine certificate when
 * given, real PKIX and host-name checks) in a context of its own, then, when the handshake failed
 * in a way the first attempt cannot explain, asks the extra questions (a TLS 1.0/1.1 hello, a hello
 * with every TLS 1.2 suite, a plaintext request). Returns the evidence; never throws for anything
 * the network or the peer does.
 */
public final class ConnectionProbe {
    private static final Duration PLAIN_PROBE_MAX = Duration.ofSeconds(3);

    private ConnectionProbe() {
    }

    public static ConnectionEvidence run(ProbeOptions o) {
        Instant now = o.clock().instant();
        ConnectionEvidence.Builder b = ConnectionEvidence.builder(o.host(), o.port(), now).timeout(o.timeout());
        int ms = (int) Math.min(Integer.MAX_VALUE, o.timeout().toMillis());
        try (Socket socket = new Socket()) {
            if (!connect(socket, o, ms, b)) {
                return b.build();
            }
            socket.setSoTimeout(ms);
            socket.setTcpNoDelay(true);
            handshake(socket, o, now, b);
        } catch (IOException e) {
            b.localFailure(Failures.describe(e));
        }
        ConnectionEvidence first = b.build();
        return o.extraProbes() ? followUp(first, o) : first;
    }

    private static boolean connect(Socket socket, ProbeOptions o, int ms, ConnectionEvidence.Builder b) {
        InetSocketAddress addr = new InetSocketAddress(o.host(), o.port());
        if (addr.isUnresolved()) {
            b.socket(SocketOutcome.UNRESOLVED, "cannot resolve " + o.host());
            return false;
        }
        try {
            socket.connect(addr, ms);
            b.socket(SocketOutcome.CONNECTED, null);
            return true;
        } catch (SocketTimeoutException e) {
            b.socket(SocketOutcome.CONNECT_TIMEOUT, e.getMessage());
        } catch (NoRouteToHostException e) {
            b.socket(SocketOutcome.UNREACHABLE, e.getMessage());
        } catch (ConnectException e) {
            String m = String.valueOf(e.getMessage());
            b.socket(m.contains("refused") ? SocketOutcome.REFUSED : SocketOutcome.UNREACHABLE, m);
        } catch (UnknownHostException e) {
            b.socket(SocketOutcome.UNRESOLVED, e.getMessage());
        } catch (IOException e) {
            b.socket(SocketOutcome.UNREACHABLE, Failures.describe(e));
        }
        return false;
    }

    private static void handshake(Socket socket, ProbeOptions o, Instant now, ConnectionEvidence.Builder b)
            throws IOException {
        CapturingTrustManager tm = o.pinnedCaSha256() != null && o.anchors().isEmpty()
                ? new CapturingTrustManager(o.pinnedCaSha256()) : new CapturingTrustManager(o.anchors());
        RecordingKeyManager km = new RecordingKeyManager(o.clientChain(), o.clientKey());
        SSLEngine engine = engine(o, tm, km);
        List<ProtocolVersion> offered = Arrays.stream(engine.getEnabledProtocols())
                .map(p -> ProtocolVersion.fromStandardName(p).orElse(null))
                .filter(v -> v != null).sorted((x, y) -> y.compareTo(x)).toList();
        b.offered(offered);
        TlsExchange.Outcome out = new TlsExchange(socket, engine).run(hostHeader(o), o.path());
        b.firstBytes(out.firstBytes()).transportEnd(out.end()).alertReceived(out.alertReceived())
                .localFailure(out.localFailure()).http(out.http()).clientCertificateRequested(km.requested());
        if (out.localFailure() != null && out.localFailure().contains("No appropriate protocol")) {
            b.offered(List.of()); // the local stack could offer none of them
        }
        if (out.completed()) {
            b.handshakeCompleted(ProtocolVersion.fromStandardName(out.version()).orElse(null), out.suite());
        }
        if (!tm.chain().isEmpty()) {
            b.serverCertificate(CertificateExplainer.judgeServer(tm.chain(), tm.anchors(), o.anchorSource(), o.host(), now,
                    tm.failure() == null, tm.failure()));
        }
        if (!o.clientChain().isEmpty()) {
            b.clientCertificate(CertificateExplainer.judgeClient(o.clientChain().get(0), o.anchors(), now, km.presented()));
        }
    }

    private static SSLEngine engine(ProbeOptions o, CapturingTrustManager tm, RecordingKeyManager km) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {km}, new TrustManager[] {tm}, null);
            SSLEngine engine = ctx.createSSLEngine(o.host(), o.port());
            engine.setUseClientMode(true);
            TlsPolicy policy = TlsPolicy.TLS12_PLUS;
            Set<String> protocols = Set.of(engine.getSupportedProtocols());
            Set<String> suites = Set.of(engine.getSupportedCipherSuites());
            SSLParameters p = engine.getSSLParameters();
            p.setProtocols(policy.protocolNames().stream().filter(protocols::contains).toArray(String[]::new));
            p.setCipherSuites(policy.cipherSuiteNames().stream().filter(suites::contains).toArray(String[]::new));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (HelloProbe.isDnsName(o.host())) {
                p.setServerNames(List.of(new SNIHostName(o.host())));
            }
            engine.setSSLParameters(p);
            return engine;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the probe's TLS context: " + e.getMessage(), e);
        }
    }

    private static String hostHeader(ProbeOptions o) {
        return (o.host().contains(":") ? "[" + o.host() + "]" : o.host()) + ":" + o.port();
    }

    /**
     * The extra questions: when the certificate was refused for its dates, the server's clock; when
     * the first attempt failed before any certificate was seen, the follow-up hellos.
     */
    static ConnectionEvidence followUp(ConnectionEvidence e, ProbeOptions o) {
        var cert = e.serverCertificate();
        if (cert != null && !cert.trusted() && (cert.notYetValid() || cert.expired()) && e.serverClock() == null) {
            var answer = ServerClockProbe.ask(o, o.timeout());
            return answer == null || answer.date() == null ? e : e.toBuilder().serverClock(answer.date()).build();
        }
        boolean askMore = e.socket() == SocketOutcome.CONNECTED && !e.handshakeCompleted() && !e.peerAnsweredNonTls()
                && e.serverCertificate() == null && !e.clientCertificateRequested() && !e.offered().isEmpty();
        if (!askMore) {
            return e;
        }
        ConnectionEvidence.Builder b = e.toBuilder();
        Duration plainTimeout = o.timeout().compareTo(PLAIN_PROBE_MAX) < 0 ? o.timeout() : PLAIN_PROBE_MAX;
        if (e.transportEnd() == TransportEnd.READ_TIMEOUT) {
            return b.plainAnswer(PlainProbe.ask(o.host(), o.port(), plainTimeout)).build();
        }
        var legacy = HelloProbe.legacy(o);
        b.legacyProbe(legacy);
        boolean closed = e.transportEnd() == TransportEnd.RESET || e.transportEnd() == TransportEnd.EOF;
        boolean refused = e.alertReceived() == TlsAlert.HANDSHAKE_FAILURE
                || e.alertReceived() == TlsAlert.INSUFFICIENT_SECURITY;
        if (!legacy.accepted() && (closed || refused)) {
            var wide12 = HelloProbe.allTls12Suites(o);
            b.tls12AllSuitesProbe(wide12);
            if (!wide12.accepted() && e.offered().contains(ProtocolVersion.TLS_1_3)) {
                // not TLS 1.2: does it speak TLS 1.3, with suites we do not offer?
                b.tls13AllSuitesProbe(HelloProbe.allTls13Suites(o));
            }
        }
        if (closed && e.peerSilent() && !legacy.accepted()) {
            b.plainAnswer(PlainProbe.ask(o.host(), o.port(), plainTimeout));
        }
        return b.build();
    }
}
