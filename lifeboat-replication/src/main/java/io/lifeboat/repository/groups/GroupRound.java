package io.lifeboat.repository.groups;

import java.time.Instant;

/**
 * One round of a group: opened when a member's agent first asked for the current round, waiting
 * for every member of {@code definition} until {@code deadline}.
 *
 * @param definition the name of the definition file whose members the round waits for
 */
public record GroupRound(String group, long round, Instant opened, Instant deadline, String definition) {
    /** True when the round no longer takes member points at {@code now} (its deadline has passed). */
    public boolean expired(Instant now) {
        return now.isAfter(deadline);
    }
}
