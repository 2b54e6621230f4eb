package io.lifeboat.scan.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.Scanner;
import io.lifeboat.tls.pki.ChainJudge;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.net.starttls.StartTls;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --starttls}: every protocol's plaintext request against a scripted server that then speaks
 * real TLS (the JDK's), and a server that does not offer TLS. (PostgreSQL is also scanned for real:
 * PostgresStartTlsTest.)
 */
class StartTlsTest {
    private static final HeldCertificate CERT = new CertificateBuilder().commonName("localhost").dnsName("localhost")
            .ipAddress("127.0.0.1").serverAuth().build();

    private static TargetReport scan(StartTls protocol, boolean offer) throws Exception {
        try (LoopbackServer s = new LoopbackServer(new StartTlsFake(protocol, CERT, offer))) {
            ScanOptions o = ScanOptions.defaults().withTimeout(Duration.ofSeconds(5))
                    .withChainJudge(ChainJudge.trusting(List.of(CERT.certificate())))
                    .withStartTls(Optional.of(protocol));
            return new Scanner(o).scan(List.of(Target.parse("127.0.0.1:" + s.port(), Optional.of("localhost"))),
                    ScanListener.NONE).get(0);
        }
    }

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void afterTheRequestTheScanSeesTheServersTls(StartTls protocol) throws Exception {
        TargetReport r = scan(protocol, true);
        assertThat(r.protocol(ProtocolVersion.TLS_1_3).orElseThrow().accepted()).as(r.attempts().toString()).isTrue();
        assertThat(r.protocol(ProtocolVersion.TLS_1_2).orElseThrow().accepted()).isTrue();
        assertThat(r.protocol(ProtocolVersion.TLS_1_1).orElseThrow().accepted()).isFalse();
        assertThat(r.certificate()).isPresent();
        assertThat(r.certificate().orElseThrow().trusted()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void aServerThatDoesNotOfferTlsIsReportedWithItsAnswer(StartTls protocol) throws Exception {
        TargetReport r = scan(protocol, false);
        assertThat(r.compliant()).isFalse();
        assertThat(r.protocols()).noneMatch(p -> p.accepted());
        assertThat(r.attempts()).anyMatch(a -> a.reason().equals("starttls_refused")
                && a.detail().startsWith(protocol.code() + " STARTTLS: "));
    }
}
