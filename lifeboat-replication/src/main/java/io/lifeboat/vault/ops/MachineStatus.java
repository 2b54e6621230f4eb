package io.lifeboat.vault.ops;

import java.time.Instant;
import java.util.List;

/**
 * One machine in the fleet view.
 *
 * @param health            its worst source's, or never-protected (no point yet), or revoked
 * @param certificateExpiry its newest certificate's expiry, or null when the registry has none
 * @param sources           its sources in path order; empty when never protected
 */
public record MachineStatus(String machine, Health health, RpoThresholds thresholds, Instant certificateExpiry,
        List<SourceStatus> sources) {

    public MachineStatus {
        sources = List.copyOf(sources);
    }
}
