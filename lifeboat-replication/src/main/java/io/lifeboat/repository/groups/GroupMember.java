package io.lifeboat.repository.groups;

import io.lifeboat.repository.backend.Handle;

/**
 * One member of a consistency group: a machine, or one source of a machine ({@code MACHINE:SOURCE},
 * the source as the agent protects it, e.g. {@code db-1:/dev/sdb}). A member without a source stands
 * for the machine's one source in the group: the first source it records in a round.
 *
 * @param source null for "the machine's source"
 */
public record GroupMember(String machine, String source) {
    public GroupMember {
        if (!Handle.isSegment(machine) || machine.length() > 64) {
            throw new IllegalArgumentException("bad machine name \"" + machine + "\" in a group member");
        }
        if (source != null && source.isBlank()) {
            throw new IllegalArgumentException("a group member's source is empty (write MACHINE or MACHINE:SOURCE)");
        }
    }

    /** Reads {@code MACHINE} or {@code MACHINE:SOURCE}; an IllegalArgumentException says what is wrong. */
    public static GroupMember parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new GroupMember(text, null) : new GroupMember(text.substring(0, colon), text.substring(colon + 1));
    }

    /** True when a point of {@code machine}'s {@code source} may stand for this member. */
    public boolean matches(String machine, String source) {
        return this.machine.equals(machine) && (this.source == null || this.source.equals(source));
    }

    @Override
    public String toString() {
        return source == null ? machine : machine + ":" + source;
    }
}
