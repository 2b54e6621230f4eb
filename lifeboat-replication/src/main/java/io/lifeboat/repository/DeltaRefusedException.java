package io.lifeboat.repository;

/**
 * A point sent as a delta that the vault cannot build: its parent is not a point of the machine
 * (never was, pruned, or another machine's; the message does not say which), or the manifest built
 * from the parent and the delta is not the one the agent read (its digest differs). Either way
 * nothing was committed, and the agent sends the whole manifest instead.
 */
public final class DeltaRefusedException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    /** Why: the wire's error code for each. */
    public enum Reason {
        UNKNOWN_PARENT("unknown_parent"), MISMATCH("delta_mismatch");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public DeltaRefusedException(Reason reason, String message) {
        super(Kind.USAGE, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
