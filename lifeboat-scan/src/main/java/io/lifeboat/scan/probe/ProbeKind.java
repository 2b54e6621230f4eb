package io.lifeboat.scan.probe;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The registry of probes, in the order they run. Phase 0 finds the accepted versions; the probes of
 * phase 1 read that and run concurrently. No classpath scanning: a new probe is a new line here.
 */
public enum ProbeKind {
    PROTOCOL_VERSIONS(0, ProtocolVersionsProbe::new),
    /** After the versions: when nothing answered TLS, is the peer TLS at all? */
    REACHABILITY(0, ReachabilityProbe::new),
    CIPHER_SUITES(1, CipherSuitesProbe::new),
    GROUPS(1, GroupsProbe::new),
    FALLBACK_SCSV(1, FallbackScsvProbe::new),
    DOWNGRADE_SENTINEL(1, DowngradeSentinelProbe::new),
    RENEGOTIATION(1, RenegotiationProbe::new),
    COMPRESSION(1, CompressionProbe::new),
    CERTIFICATE(1, CertificateProbe::new);

    private final int phase;
    private final Supplier<Probe> factory;

    ProbeKind(int phase, Supplier<Probe> factory) {
        this.phase = phase;
        this.factory = factory;
    }

    public int phase() {
        return phase;
    }

    public Probe create() {
        return factory.get();
    }

    /** The id used in attempts and JSON ("cipher_suites"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
