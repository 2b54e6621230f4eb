package io.lifeboat.scan.report;

import io.lifeboat.tls.pki.CertificateReport;
import io.lifeboat.scan.probe.ProbeAttempt;
import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.TlsPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges a scanned target against a {@link TlsPolicy} (the scanner uses {@code TLS12_PLUS}). The
 * policy is data; this class is its checker for remote endpoints. Each rule adds at most one finding
 * with a stable id; docs/scanner.md lists them.
 */
public final class PolicyCheck {
    /** Finding ids that decide a {@link TargetStatus} of their own. */
    public static final String UNREACHABLE = "unreachable";
    public static final String NOT_TLS = "not-tls";

    private final TlsPolicy policy;

    public PolicyCheck(TlsPolicy policy) {
        this.policy = policy;
    }

    public List<Finding> judge(TargetReport r) {
        List<Finding> out = new ArrayList<>();
        if (r.notTls().isPresent()) {
            out.add(fail(NOT_TLS, "no TLS server at " + r.target() + ": " + r.notTls().get()));
            return out;
        }
        if (r.address().isEmpty() || r.protocols().stream().noneMatch(ProtocolResult::known)) {
            out.add(fail(UNREACHABLE, "no TLS answer from " + r.target() + ": "
                    + r.attempts().stream().filter(a -> a.status() == ProbeAttempt.Status.ERROR)
                            .map(a -> a.reason() + " (" + a.detail() + ")").findFirst().orElse("no attempt")));
            return out;
        }
        versions(r, out);
        verdict(out, r.fallbackScsv(), "fallback-scsv-missing",
                "accepts a fallback hello with TLS_FALLBACK_SCSV (RFC 7507): downgrade attacks are not stopped");
        verdict(out, r.downgradeSentinel(), "downgrade-sentinel-missing",
                "answers a TLS 1.2 hello without the RFC 8446 downgrade sentinel although it speaks TLS 1.3");
        verdict(out, r.secureRenegotiation(), "insecure-renegotiation",
                "does not implement secure renegotiation (RFC 5746)");
        if (r.compression() == Verdict.SUPPORTED) {
            out.add(fail("compression-enabled", "accepts TLS compression (CRIME); the policy forbids compression"));
        }
        unknownVerdicts(r, out);
        List<String> odd = r.groups().stream().filter(g -> NamedGroup.fromStandardName(g)
                .map(n -> !policy.groups().contains(n)).orElse(true)).toList();
        if (!odd.isEmpty()) {
            out.add(new Finding("group-not-in-policy", Severity.WARN, "accepts key-exchange group(s) outside "
                    + policy.name() + ": " + String.join(", ", odd)));
        }
        r.certificate().ifPresent(c -> certificate(c, out));
        if (r.certificate().isEmpty() && r.protocols().stream().anyMatch(ProtocolResult::accepted)) {
            out.add(incomplete("certificate-unread", "the certificate chain could not be read, so it could not be judged: "
                    + attemptDetail(r, "certificate")));
        }
        return out;
    }

    /** A downgrade or renegotiation verdict the probe could not decide leaves the policy undecided. */
    private static void unknownVerdicts(TargetReport r, List<Finding> out) {
        List<String> unknown = new ArrayList<>();
        if (r.fallbackScsv() == Verdict.UNKNOWN) {
            unknown.add("fallback SCSV (" + attemptDetail(r, "fallback_scsv") + ")");
        }
        if (r.downgradeSentinel() == Verdict.UNKNOWN) {
            unknown.add("downgrade sentinel (" + attemptDetail(r, "downgrade_sentinel") + ")");
        }
        if (r.secureRenegotiation() == Verdict.UNKNOWN) {
            unknown.add("secure renegotiation (" + attemptDetail(r, "renegotiation") + ")");
        }
        if (r.compression() == Verdict.UNKNOWN) {
            unknown.add("compression (" + attemptDetail(r, "compression") + ")");
        }
        if (!unknown.isEmpty()) {
            out.add(incomplete("verdict-unknown", "could not decide " + String.join("; ", unknown)));
        }
    }

    /** The detail of the first failed attempt of {@code probe} (or of its per-version parts). */
    private static String attemptDetail(TargetReport r, String probe) {
        return r.attempts().stream()
                .filter(a -> a.status() == ProbeAttempt.Status.ERROR
                        && (a.probe().equals(probe) || a.probe().startsWith(probe + ":")))
                .map(a -> a.reason() + ": " + a.detail()).findFirst().orElse("see attempts");
    }

    private void versions(TargetReport r, List<Finding> out) {
        boolean anyAllowed = false;
        for (ProtocolResult p : r.protocols()) {
            if (!p.known()) {
                out.add(incomplete("scan-incomplete", "could not tell whether " + p.version() + " is accepted: "
                        + attemptDetail(r, "protocol_versions:" + p.version().standardName())));
            }
            if (!p.accepted()) {
                continue;
            }
            if (!policy.allows(p.version())) {
                out.add(fail("protocol-not-allowed", "accepts " + p.version() + "; " + policy.name() + " allows only "
                        + String.join(", ", policy.protocolNames())));
                continue;
            }
            anyAllowed = true;
            String suitesProbe = "cipher_suites:" + p.version().standardName();
            if (r.attempts().stream().anyMatch(a -> a.status() == ProbeAttempt.Status.ERROR
                    && (a.probe().equals(suitesProbe) || a.probe().equals("cipher_suites")))) {
                out.add(incomplete("suites-unknown", "the " + p.version() + " suite list may be incomplete ("
                        + String.join(", ", p.cipherSuites()) + " seen): " + attemptDetail(r, suitesProbe)));
            }
            List<String> bad = p.cipherSuites().stream().filter(n -> !allowed(p.version(), n)).toList();
            if (!bad.isEmpty()) {
                out.add(fail("suite-not-allowed", "accepts " + bad.size() + " " + p.version() + " suite(s) outside "
                        + policy.name() + ": " + String.join(", ", bad)));
            }
        }
        if (!anyAllowed && r.protocols().stream().filter(p -> policy.allows(p.version())).allMatch(ProtocolResult::known)) {
            out.add(fail("no-allowed-protocol", "accepts neither " + String.join(" nor ", policy.protocolNames())));
        }
    }

    private boolean allowed(ProtocolVersion v, String name) {
        Optional<CipherSuite> s = CipherSuite.fromName(name);
        return s.isPresent() && policy.allows(v, s.get());
    }

    private static void verdict(List<Finding> out, Verdict v, String id, String message) {
        if (v == Verdict.NOT_SUPPORTED) {
            out.add(fail(id, message));
        }
    }

    private static void certificate(CertificateReport c, List<Finding> out) {
        if (!c.trusted()) {
            out.add(fail("certificate-untrusted", "the chain does not validate to a trust anchor: " + c.trustDetail()));
        }
        if (c.expired()) {
            out.add(fail("certificate-expired", "the certificate expired on " + c.notAfter()));
        }
        if (c.notYetValid()) {
            out.add(fail("certificate-not-yet-valid", "the certificate is valid only from " + c.notBefore()));
        }
        if (c.selfSigned()) {
            out.add(new Finding("certificate-self-signed", c.trusted() ? Severity.WARN : Severity.FAIL,
                    "the certificate is self-signed (" + c.subject() + ")"));
        }
        if (!c.hostnameMatches()) {
            out.add(fail("hostname-mismatch", "the certificate does not name " + c.expectedName() + " (it names "
                    + (c.subjectAltNames().isEmpty() ? "nothing in subjectAltName" : String.join(", ", c.subjectAltNames())) + ")"));
        }
        if (c.weakKey()) {
            out.add(fail("weak-key", "the certificate key is " + c.keyType() + " " + c.keyBits() + " bits"));
        }
        if (c.weakSignature()) {
            out.add(fail("weak-signature", "the certificate is signed with " + c.signatureAlgorithm()));
        }
    }

    private static Finding incomplete(String id, String message) {
        return new Finding(id, Severity.INCOMPLETE, message);
    }

    private static Finding fail(String id, String message) {
        return new Finding(id, Severity.FAIL, message);
    }
}
