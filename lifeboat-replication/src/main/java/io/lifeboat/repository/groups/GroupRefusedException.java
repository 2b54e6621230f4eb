package io.lifeboat.repository.groups;

import io.lifeboat.repository.RepositoryException;

/**
 * A member point the group will not take, or a machine that is not a member: {@link #code} is the
 * stable reason the vault answers with ({@code docs/protocol.md}, "Consistency groups").
 */
public final class GroupRefusedException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    /** Why, for programs. */
    public enum Code {
        /** the machine (or this source of it) is not a member of the group */
        NOT_A_MEMBER,
        /** the round is complete already: this member recorded another point for it */
        ROUND_CLOSED,
        /** the round's deadline passed before the member recorded its point */
        ROUND_TIMED_OUT,
        /** the point was committed before the round opened, so it cannot belong to it */
        POINT_BEFORE_ROUND,
        /** a member without a source already recorded another source of its machine in this round */
        SOURCE_MISMATCH
    }

    private final Code code;

    public GroupRefusedException(Code code, String message) {
        super(code == Code.NOT_A_MEMBER ? Kind.IDENTITY_REJECTED : Kind.FAILED, message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
