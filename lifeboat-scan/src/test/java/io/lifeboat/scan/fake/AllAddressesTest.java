package io.lifeboat.scan.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.Scanner;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.report.TargetReport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code --all-addresses}: one report per address the name resolves to; without it, one report. */
class AllAddressesTest {

    @Test
    void everyResolvedAddressIsScannedOnItsOwn() throws Exception {
        // a name with two loopback addresses; the fake listens on the first only
        List<InetAddress> two = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"));
        Set<String> resolved = Set.of("127.0.0.1", "127.0.0.2");
        try (LoopbackServer s = new LoopbackServer(new FakeTls(Set.of(0x0303), List.of(0xC02B), true, true, false))) {
            Target t = Target.parse("localhost:" + s.port(), Optional.empty());
            ScanOptions o = ScanOptions.defaults().withTimeout(Duration.ofSeconds(3)).withResolver(host -> two);
            List<TargetReport> all = new Scanner(o.withAllAddresses(true)).scan(List.of(t), ScanListener.NONE);
            assertThat(all).hasSize(resolved.size());
            assertThat(all.stream().map(r -> r.address().orElseThrow()).collect(Collectors.toSet())).isEqualTo(resolved);
            assertThat(all).allMatch(r -> r.target().equals("localhost:" + s.port()));
            // the IPv4 loopback, where the fake listens, answers TLS 1.2
            assertThat(all).anyMatch(r -> r.address().get().equals("127.0.0.1")
                    && r.protocol(io.lifeboat.tls.ProtocolVersion.TLS_1_2).orElseThrow().accepted());
            assertThat(all).anyMatch(r -> r.address().get().equals("127.0.0.2") && !r.compliant());
            List<TargetReport> first = new Scanner(o).scan(List.of(t), ScanListener.NONE);
            assertThat(first).hasSize(1);
            assertThat(first.get(0).address()).contains("127.0.0.1");
        }
    }
}
