package io.lifeboat.scan.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.Scanner;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Acceptance item 4: a fleet of 100 loopback endpoints, scanned at once, each seeing at most the
 * per-target cap of concurrent connections (counted by the servers themselves).
 */
class FleetScanTest {
    private static final int FLEET = 100;
    private static final int CAP = 3;

    @Test
    void hundredEndpointsWithBoundedConnectionsPerTarget() throws Exception {
        List<Integer> suites = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.id(),
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.id(), CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.id());
        List<LoopbackServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < FLEET; i++) {
                servers.add(new LoopbackServer(new FakeTls(Set.of(0x0302, 0x0303), suites, true, true, false)));
            }
            List<Target> targets = servers.stream().map(s -> Target.parse("127.0.0.1:" + s.port(), Optional.empty())).toList();
            AtomicInteger finished = new AtomicInteger();
            ScanOptions o = ScanOptions.defaults().withTimeout(Duration.ofSeconds(10)).withLimits(CAP, 32);
            List<TargetReport> reports = new Scanner(o).scan(targets, new ScanListener() {
                @Override
                public void targetFinished(TargetReport report) {
                    finished.incrementAndGet();
                }
            });
            assertThat(reports).hasSize(FLEET);
            assertThat(finished.get()).isEqualTo(FLEET);
            for (int i = 0; i < FLEET; i++) {
                TargetReport r = reports.get(i);
                assertThat(r.target()).isEqualTo(targets.get(i).toString());
                assertThat(r.protocol(ProtocolVersion.TLS_1_2).orElseThrow().cipherSuites()).as(r.attempts().toString())
                        .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                "TLS_RSA_WITH_AES_128_CBC_SHA");
                assertThat(r.protocol(ProtocolVersion.TLS_1_1).orElseThrow().accepted()).isTrue();
                assertThat(r.connections()).isEqualTo(servers.get(i).connections());
            }
            for (LoopbackServer s : servers) {
                assertThat(s.maxConcurrent()).isBetween(1, CAP);
            }
            assertThat(servers.stream().mapToInt(LoopbackServer::maxConcurrent).max().orElse(0)).isEqualTo(CAP);
        } finally {
            for (LoopbackServer s : servers) {
                s.close();
            }
        }
    }
}
