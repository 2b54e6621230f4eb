package io.lifeboat.scan.probe;

import io.lifeboat.tls.pki.CertificateReport;
import io.lifeboat.tls.ProtocolVersion;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the probes learned about one target so far. Probes of the first phase write it, later
 * probes read it; every method is synchronized because the probes of a phase run concurrently.
 */
public final class TargetFacts {
    private final Map<ProtocolVersion, VersionSupport> versions = new EnumMap<>(ProtocolVersion.class);
    private final Map<ProtocolVersion, SuiteList> suites = new EnumMap<>(ProtocolVersion.class);
    private final Map<ProbeKind, Verdict> verdicts = new EnumMap<>(ProbeKind.class);
    private final List<ProbeAttempt> attempts = new ArrayList<>();
    private GroupList groups;
    private CertificateReport certificate;
    private Verdict tls11Sentinel = Verdict.NOT_APPLICABLE;
    private boolean tlsAnswered;
    private String notTls;

    public synchronized void version(VersionSupport v) {
        versions.put(v.version(), v);
    }

    public synchronized Optional<VersionSupport> version(ProtocolVersion v) {
        return Optional.ofNullable(versions.get(v));
    }

    public synchronized boolean accepted(ProtocolVersion v) {
        VersionSupport s = versions.get(v);
        return s != null && s.accepted();
    }

    /** Accepted versions, oldest first. */
    public synchronized List<ProtocolVersion> acceptedVersions() {
        TreeSet<ProtocolVersion> set = new TreeSet<>();
        versions.values().stream().filter(VersionSupport::accepted).forEach(v -> set.add(v.version()));
        return List.copyOf(set);
    }

    public synchronized void suites(SuiteList s) {
        suites.put(s.version(), s);
    }

    public synchronized Optional<SuiteList> suites(ProtocolVersion v) {
        return Optional.ofNullable(suites.get(v));
    }

    public synchronized void verdict(ProbeKind probe, Verdict v) {
        verdicts.put(probe, v);
    }

    public synchronized Verdict verdict(ProbeKind probe) {
        return verdicts.getOrDefault(probe, Verdict.UNKNOWN);
    }

    public synchronized void tls11Sentinel(Verdict v) {
        tls11Sentinel = v;
    }

    public synchronized Verdict tls11Sentinel() {
        return tls11Sentinel;
    }

    public synchronized void groups(GroupList g) {
        groups = g;
    }

    public synchronized Optional<GroupList> groups() {
        return Optional.ofNullable(groups);
    }

    public synchronized void certificate(CertificateReport c) {
        certificate = c;
    }

    public synchronized Optional<CertificateReport> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** Some hello got a TLS answer (a ServerHello or an alert, even a refusal): a TLS server is there. */
    public synchronized void tlsAnswered() {
        tlsAnswered = true;
    }

    public synchronized boolean sawTls() {
        return tlsAnswered;
    }

    /** The peer is not a TLS server; {@code evidence} says what it did instead. */
    public synchronized void notTls(String evidence) {
        notTls = evidence;
    }

    public synchronized Optional<String> notTls() {
        return Optional.ofNullable(notTls);
    }

    public synchronized void attempt(ProbeAttempt a) {
        attempts.add(a);
    }

    public synchronized List<ProbeAttempt> attempts() {
        return List.copyOf(attempts);
    }
}
