package io.lifeboat.repository.groups;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A consistency group as the operator defined it ({@code lifeboat vault group set}). A definition is
 * never changed: setting a group again writes a newer one, used by rounds opened after it.
 *
 * @param roundTimeout how long a round waits for every member to commit before it is incomplete
 */
public record GroupDefinition(String group, List<GroupMember> members, Duration roundTimeout, Instant created) {
    /** A round may wait at least this long (agents need time to read and send). */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    public GroupDefinition {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("group " + group + " has no member: give --member MACHINE[:SOURCE]");
        }
        Set<String> machinesWithoutSource = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (GroupMember m : members) {
            if (!seen.add(m.toString())) {
                throw new IllegalArgumentException("group " + group + " names member " + m + " twice");
            }
            if (m.source() == null) {
                machinesWithoutSource.add(m.machine());
            }
        }
        for (GroupMember m : members) {
            if (m.source() != null && machinesWithoutSource.contains(m.machine())) {
                throw new IllegalArgumentException("group " + group + " names " + m.machine() + " both alone and as "
                        + m + ": name every source of a machine that has several in the group");
            }
        }
        if (roundTimeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new IllegalArgumentException("the round timeout of group " + group + " must be at least 1s");
        }
    }

    /** The member a point of {@code machine}'s {@code source} stands for, if any. */
    public Optional<GroupMember> memberFor(String machine, String source) {
        Optional<GroupMember> exact = members.stream()
                .filter(m -> m.source() != null && m.matches(machine, source)).findFirst();
        return exact.isPresent() ? exact : members.stream().filter(m -> m.matches(machine, source)).findFirst();
    }

    /** True when {@code machine} is (or has a source that is) a member. */
    public boolean hasMachine(String machine) {
        return members.stream().anyMatch(m -> m.machine().equals(machine));
    }
}
