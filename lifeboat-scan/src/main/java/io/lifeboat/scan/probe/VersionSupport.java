package io.lifeboat.scan.probe;

import io.lifeboat.tls.ProtocolVersion;
import java.util.List;

/**
 * Whether one version is accepted, and the suite the server chose from each bundle that it accepted
 * (the cipher-suite probe starts from these instead of asking again).
 *
 * @param picks for each bundle of {@link SuiteCatalog#bundles}, the chosen suite id, or -1; for
 *              SSL 2.0 the cipher kinds the server listed
 */
public record VersionSupport(ProtocolVersion version, boolean accepted, List<Integer> picks) {
    public VersionSupport {
        picks = List.copyOf(picks);
    }

    /** The chosen suites, without the -1 placeholders. */
    public List<Integer> chosen() {
        return picks.stream().filter(p -> p >= 0).distinct().toList();
    }
}
