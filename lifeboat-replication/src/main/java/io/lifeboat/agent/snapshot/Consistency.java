package io.lifeboat.agent.snapshot;

/** How a point's source was read, with the label a point records and {@code points} shows. */
public enum Consistency {
    /** Read as it changed, without a snapshot: each block is as it was when read. */
    LIVE("live"),
    /** Read from a snapshot: the source as one instant left it, as a crash would have. */
    CRASH_CONSISTENT("crash-consistent"),
    /**
     * The application was frozen by the operator's pre script and thawed by the post script, both
     * of which succeeded, around the snapshot (or, without one, around the read itself).
     */
    APP_CONSISTENT("app-consistent");

    private final String label;

    Consistency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
