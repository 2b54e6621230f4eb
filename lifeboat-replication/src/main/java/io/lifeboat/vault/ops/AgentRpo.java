package io.lifeboat.vault.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * What an agent running {@code agent protect --rpo} last reported for one source.
 *
 * @param achieved the time between its last two commits of the source, or null after its first
 */
public record AgentRpo(Duration target, Duration achieved, Duration lastPass, Instant reported) {
}
