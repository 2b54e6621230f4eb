package io.lifeboat.repository.groups;

import java.time.Instant;
import java.util.List;

/**
 * A round of a group as {@code points --group} lists it: complete (a group point: every member
 * recorded a point), incomplete (its deadline passed first) or still open.
 *
 * @param formed  when the round became complete; null otherwise
 * @param members the member points recorded for the round (all of them for a complete round)
 * @param missing the members that recorded no point (empty for a complete round)
 */
public record GroupPoint(String group, long round, Status status, Instant opened, Instant deadline, Instant formed,
        List<MemberPoint> members, List<String> missing) {
    /** Where a round stands. */
    public enum Status {
        COMPLETE, INCOMPLETE, OPEN
    }

    public GroupPoint {
        members = List.copyOf(members);
        missing = List.copyOf(missing);
    }

    /** The id {@code failover --group G --point ID} takes: the round number. */
    public String id() {
        return Long.toString(round);
    }
}
