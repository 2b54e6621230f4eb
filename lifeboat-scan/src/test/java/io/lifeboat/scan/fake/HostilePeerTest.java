package io.lifeboat.scan.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.Scanner;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.probe.ProbeAttempt;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.scan.report.TargetStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers: each must end as error attempts with the right reason, within the timeout, and a
 * non-compliant report; never an exception or a hang. (The 60 s preemptive limit only guards
 * against hangs; the scans take about a second.)
 */
class HostilePeerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private static TargetReport scan(LoopbackServer.Behaviour behaviour) throws Exception {
        try (LoopbackServer server = new LoopbackServer(behaviour)) {
            ScanOptions o = ScanOptions.defaults().withTimeout(TIMEOUT);
            Target t = Target.parse("127.0.0.1:" + server.port(), Optional.empty());
            return assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> new Scanner(o).scan(List.of(t), ScanListener.NONE).get(0));
        }
    }

    private static void assertVersionAttempts(TargetReport r, String reason) {
        assertVersionAttempts(r, reason, "unreachable");
    }

    private static void assertVersionAttempts(TargetReport r, String reason, String finding) {
        List<ProbeAttempt> versions = r.attempts().stream().filter(a -> a.probe().startsWith("protocol_versions:")).toList();
        assertThat(versions).as(r.attempts().toString()).hasSize(6)
                .allSatisfy(a -> {
                    assertThat(a.status()).isEqualTo(ProbeAttempt.Status.ERROR);
                    assertThat(a.reason()).isEqualTo(reason);
                    assertThat(a.detail()).isNotBlank();
                });
        assertThat(r.compliant()).isFalse();
        assertThat(r.protocols()).noneMatch(p -> p.accepted());
        assertThat(r.findings()).anyMatch(f -> f.id().equals(finding));
    }

    /** Issue 16: not-TLS, with the evidence, never "a TLS server that refuses every version". */
    private static void assertNotTls(TargetReport r, String... evidence) {
        assertThat(r.status()).isEqualTo(TargetStatus.NOT_TLS);
        assertThat(r.findings()).extracting(f -> f.id()).containsExactly("not-tls");
        assertThat(r.findings().get(0).message()).contains(evidence);
        assertThat(r.attempts()).anyMatch(a -> a.probe().equals("certificate") && a.reason().equals("not_tls"));
    }

    private static void drain(Socket s) throws java.io.IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        s.setSoTimeout(200);
        try {
            in.read(buf);
        } catch (java.net.SocketTimeoutException ignored) {
            // the hello may come in more than one segment; one read is enough here
        }
    }

    @Test
    void garbageIsNotTls() throws Exception {
        TargetReport r = scan((s, done) -> {
            drain(s);
            byte[] junk = new byte[300];
            new Random(7).nextBytes(junk);
            junk[0] = 'G';
            s.getOutputStream().write(junk);
        });
        assertVersionAttempts(r, "not_tls", "not-tls");
        assertNotTls(r, "not TLS");
    }

    @Test
    void closeOnAcceptIsNotTlsNotARefusingServer() throws Exception {
        TargetReport r = scan((s, done) -> {
            done.run();
            s.close();
        });
        assertThat(r.findings()).noneMatch(f -> f.id().equals("no-allowed-protocol"));
        assertNotTls(r, "closed or reset 6 of 6 TLS hello(s)", "got no answer either");
    }

    @Test
    void httpServerIsNotTlsAndIsNamed() throws Exception {
        TargetReport r = scan((s, done) -> {
            drain(s);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertVersionAttempts(r, "not_tls", "not-tls");
        assertThat(r.attempts()).anyMatch(a -> a.detail().contains("HTTP/1.1 400"));
        assertNotTls(r, "HTTP/1.1 400 Bad Request", "a plaintext GET / HTTP/1.0 was answered");
    }

    @Test
    void resetInTheMiddleOfARecord() throws Exception {
        TargetReport r = scan((s, done) -> {
            drain(s);
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {22, 3, 3, 0, 64, 2, 0, 0});
            out.flush();
            Thread.sleep(50);
            s.setSoLinger(true, 0); // close with RST
        });
        assertVersionAttempts(r, "connection_reset");
    }

    @Test
    void stallingServerTimesOut() throws Exception {
        TargetReport r = scan((s, done) -> {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // read and never answer, until the scanner gives up
            }
        });
        assertVersionAttempts(r, "timeout");
    }

    @Test
    void oversizedRecordLengthIsMalformed() throws Exception {
        TargetReport r = scan((s, done) -> {
            drain(s);
            s.getOutputStream().write(new byte[] {22, 3, 3, (byte) 0xFF, (byte) 0xFF, 2, 0, 0, 0});
        });
        assertVersionAttempts(r, "malformed");
        assertThat(r.attempts()).anyMatch(a -> a.detail().contains("record length 65535"));
    }

    @Test
    void oversizedHandshakeLengthIsMalformed() throws Exception {
        TargetReport r = scan((s, done) -> {
            drain(s);
            s.getOutputStream().write(new byte[] {22, 3, 3, 0, 4, 2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        });
        assertVersionAttempts(r, "malformed");
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        ScanOptions o = ScanOptions.defaults().withTimeout(TIMEOUT);
        TargetReport r = new Scanner(o).scan(List.of(Target.parse("127.0.0.1:" + port, Optional.empty())),
                ScanListener.NONE).get(0);
        assertVersionAttempts(r, "connection_refused");
        assertThat(r.attempts()).anyMatch(a -> a.probe().equals("certificate") && a.reason().equals("unreachable"));
    }
}
