package io.lifeboat.repository.groups;

import java.time.Instant;

/**
 * A member's recovery point recorded for a round: the agent committed {@code point} of {@code
 * machine}'s {@code source} after the round opened, then recorded it for the round.
 *
 * @param member the group member it stands for, as written in the definition
 */
public record MemberPoint(String member, String machine, String source, String point, Instant recorded) {
}
