package io.lifeboat.scan.it;

import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.Scanner;
import io.lifeboat.tls.pki.ChainJudge;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.report.TargetReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Scans one loopback target, trusting the test CA, with the SNI "localhost". */
final class Scans {
    private Scans() {
    }

    static ScanOptions options() {
        return ScanOptions.defaults().withTimeout(Duration.ofSeconds(5))
                .withChainJudge(ChainJudge.trusting(List.of(TestPki.CA.certificate())));
    }

    /** Scans trusting {@code anchor} instead of the test CA. */
    static TargetReport scan(int port, java.security.cert.X509Certificate anchor) throws InterruptedException {
        Target t = Target.parse("127.0.0.1:" + port, Optional.of(TestPki.HOST));
        return new Scanner(options().withChainJudge(ChainJudge.trusting(List.of(anchor))))
                .scan(List.of(t), ScanListener.NONE).get(0);
    }

    static TargetReport scan(int port) throws InterruptedException {
        Target t = Target.parse("127.0.0.1:" + port, Optional.of(TestPki.HOST));
        return new Scanner(options()).scan(List.of(t), ScanListener.NONE).get(0);
    }
}
