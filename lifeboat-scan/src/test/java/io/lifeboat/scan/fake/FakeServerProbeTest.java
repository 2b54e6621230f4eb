package io.lifeboat.scan.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.Scanner;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.probe.SuiteOrder;
import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.scan.report.ProtocolResult;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.wire.Ssl2CipherKind;
import io.lifeboat.tls.wire.WireWriter;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Probe logic against scripted servers: the verdicts no local real server can produce. */
class FakeServerProbeTest {
    private static final List<Integer> SUITES = List.of(
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA.id(),
            CipherSuite.TLS_RSA_EXPORT_WITH_RC4_40_MD5.id(),          // an SSL 3.0 export suite OpenSSL no longer has
            CipherSuite.TLS_KRB5_WITH_IDEA_CBC_MD5.id(),              // an odd one
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.id());  // TLS 1.2 only: never at 1.0

    static TargetReport scan(LoopbackServer.Behaviour b) throws Exception {
        try (LoopbackServer s = new LoopbackServer(b)) {
            return new Scanner(ScanOptions.defaults().withTimeout(Duration.ofSeconds(3)))
                    .scan(List.of(Target.parse("127.0.0.1:" + s.port(), Optional.empty())), ScanListener.NONE).get(0);
        }
    }

    private static List<String> names(List<Integer> ids) {
        return ids.stream().map(id -> CipherSuite.fromId(id).orElseThrow().ianaName()).toList();
    }

    @Test
    void legacyServerWithoutDefencesHasEveryFinding() throws Exception {
        TargetReport r = scan(new FakeTls(Set.of(0x0301, 0x0303), SUITES, false, false, true));
        assertThat(r.protocols().stream().filter(ProtocolResult::accepted).map(ProtocolResult::version))
                .containsExactly(ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_2);
        assertThat(r.protocol(ProtocolVersion.TLS_1_2).orElseThrow().cipherSuites()).containsExactlyElementsOf(names(SUITES));
        assertThat(r.protocol(ProtocolVersion.TLS_1_2).orElseThrow().order()).isEqualTo(SuiteOrder.SERVER);
        assertThat(r.protocol(ProtocolVersion.TLS_1_0).orElseThrow().cipherSuites())
                .containsExactlyElementsOf(names(SUITES.subList(0, 3)));
        assertThat(r.fallbackScsv()).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(r.secureRenegotiation()).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(r.compression()).isEqualTo(Verdict.SUPPORTED);
        assertThat(r.downgradeSentinel()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(r.findings()).extracting(f -> f.id()).contains("protocol-not-allowed", "suite-not-allowed",
                "fallback-scsv-missing", "insecure-renegotiation", "compression-enabled");
    }

    @Test
    void defendedServerHasTheDefences() throws Exception {
        TargetReport r = scan(new FakeTls(Set.of(0x0302, 0x0303), SUITES, true, true, false));
        assertThat(r.fallbackScsv()).isEqualTo(Verdict.SUPPORTED);
        assertThat(r.secureRenegotiation()).isEqualTo(Verdict.SUPPORTED);
        assertThat(r.compression()).isEqualTo(Verdict.NOT_SUPPORTED);
    }

    @Test
    void ssl2ServerHelloIsRead() throws Exception {
        TargetReport r = scan((s, done) -> {
            InputStream in = s.getInputStream();
            int first = in.read();
            if (first < 0x80) {
                s.getOutputStream().write(FakeTls.alert(21, 70));
                return;
            }
            in.read(new byte[4096]);
            WireWriter body = new WireWriter().u8(4).u8(0).u8(1).u16(2).u16(0).u16(6).u16(16)
                    .u24(Ssl2CipherKind.SSL_CK_RC4_128_WITH_MD5.id()).u24(Ssl2CipherKind.SSL_CK_DES_64_CBC_WITH_MD5.id())
                    .bytes(new byte[16]);
            byte[] b = body.toByteArray();
            s.getOutputStream().write(new WireWriter().u16(0x8000 | b.length).bytes(b).toByteArray());
        });
        ProtocolResult ssl2 = r.protocol(ProtocolVersion.SSL_2_0).orElseThrow();
        assertThat(ssl2.accepted()).isTrue();
        assertThat(ssl2.cipherSuites()).containsExactly("SSL_CK_RC4_128_WITH_MD5", "SSL_CK_DES_64_CBC_WITH_MD5");
        assertThat(r.findings()).anyMatch(f -> f.id().equals("protocol-not-allowed") && f.message().contains("SSLv2"));
    }
}
