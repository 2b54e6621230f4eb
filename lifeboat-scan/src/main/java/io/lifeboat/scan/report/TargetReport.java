package io.lifeboat.scan.report;

import io.lifeboat.tls.pki.CertificateReport;
import io.lifeboat.scan.probe.ProbeAttempt;
import io.lifeboat.scan.probe.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the scan of one target found, judged. The CLI renders it as text or JSON
 * (docs/scanner.md has the schema).
 *
 * @param target            "host:port" as scanned
 * @param sni               the server name sent, if any
 * @param address           the address connected to, empty when the name did not resolve
 * @param protocols         one entry per version, SSL 2.0 first
 * @param groups            accepted key-exchange group names, in the server's choice order
 * @param groupsAskedAt     the version the groups were enumerated at ("TLSv1.3"), "" when not
 * @param fallbackScsv      RFC 7507
 * @param downgradeSentinel RFC 8446 TLS 1.3 to 1.2
 * @param downgradeSentinelTls11 RFC 8446 TLS 1.3 to 1.1 and below
 * @param secureRenegotiation RFC 5746
 * @param compression       TLS-level DEFLATE
 * @param certificate       the leaf and the chain verdicts, when read
 * @param notTls            when the port took connections but no TLS server answered: the evidence
 * @param findings          against TLS12_PLUS
 * @param attempts          every probe's record
 * @param connections       connections opened to this target
 * @param elapsed           wall time of this target's scan
 */
public record TargetReport(String target, Optional<String> sni, Optional<String> address,
        List<ProtocolResult> protocols, List<String> groups, String groupsAskedAt, Verdict fallbackScsv,
        Verdict downgradeSentinel, Verdict downgradeSentinelTls11, Verdict secureRenegotiation, Verdict compression,
        Optional<CertificateReport> certificate, Optional<String> notTls, List<Finding> findings, List<ProbeAttempt> attempts,
        int connections, Duration elapsed) {

    public TargetReport {
        protocols = List.copyOf(protocols);
        groups = List.copyOf(groups);
        findings = List.copyOf(findings);
        attempts = List.copyOf(attempts);
    }

    public TargetReport withFindings(List<Finding> judged) {
        return new TargetReport(target, sni, address, protocols, groups, groupsAskedAt, fallbackScsv,
                downgradeSentinel, downgradeSentinelTls11, secureRenegotiation, compression, certificate, notTls, judged,
                attempts, connections, elapsed);
    }

    /** Compliant only with neither a FAIL nor an INCOMPLETE finding. */
    public boolean compliant() {
        return status() == TargetStatus.COMPLIANT;
    }

    /** The verdict: not-TLS and unreachable first, then any FAIL, then any INCOMPLETE finding. */
    public TargetStatus status() {
        if (findings.stream().anyMatch(f -> f.id().equals(PolicyCheck.NOT_TLS))) {
            return TargetStatus.NOT_TLS;
        }
        if (findings.stream().anyMatch(f -> f.id().equals(PolicyCheck.UNREACHABLE))) {
            return TargetStatus.UNREACHABLE;
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.FAIL)) {
            return TargetStatus.NOT_COMPLIANT;
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.INCOMPLETE)) {
            return TargetStatus.INCOMPLETE;
        }
        return TargetStatus.COMPLIANT;
    }

    public Optional<ProtocolResult> protocol(io.lifeboat.tls.ProtocolVersion v) {
        return protocols.stream().filter(p -> p.version() == v).findFirst();
    }
}
