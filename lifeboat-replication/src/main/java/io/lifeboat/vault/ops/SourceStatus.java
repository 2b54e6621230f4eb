package io.lifeboat.vault.ops;

import io.lifeboat.repository.PointInfo;
import java.time.Duration;

/**
 * One protected source of a machine as the fleet view shows it.
 *
 * @param source     the path the agent protects
 * @param health     ok, warning, critical (or revoked, for a revoked machine's sources)
 * @param rpo        the age of the newest point now
 * @param thresholds the machine's thresholds (the warning threshold is the target)
 * @param last       the newest point (size, bytes sent, TLS of the link that carried it)
 * @param points     how many points the vault keeps for it
 */
public record SourceStatus(String machine, String source, Health health, Duration rpo, RpoThresholds thresholds,
        PointInfo last, int points) {
}
