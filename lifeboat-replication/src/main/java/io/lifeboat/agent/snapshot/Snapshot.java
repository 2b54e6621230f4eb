package io.lifeboat.agent.snapshot;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A source made ready to read: the path to read and what reading it gives. {@link #release} undoes
 * whatever taking it did (deletes a copy, removes an LVM snapshot, runs the post script); it never
 * throws, since by then the point may be committed: a release that fails is reported as a notice
 * that says what was left behind.
 */
public interface Snapshot {
    /** The path to read: the snapshot, or the source itself. */
    Path path();

    Consistency consistency();

    /**
     * Called once the source has been read, before the point is committed (so before {@link
     * #consistency()} is asked for the point's label): a snapshot that holds an application frozen
     * during a live read thaws it here. Nothing by default.
     */
    default void readDone(Consumer<String> notices) {
    }

    /** What the pass should say about how this snapshot was taken (why a point is not what was asked); none by default. */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }

    /** Undoes the snapshot; {@code notices} hears of anything left behind. */
    void release(Consumer<String> notices);

    /** The source itself, read live: nothing to release. */
    static Snapshot live(Path source) {
        return new Snapshot() {
            @Override
            public Path path() {
                return source;
            }

            @Override
            public Consistency consistency() {
                return Consistency.LIVE;
            }

            @Override
            public void release(Consumer<String> notices) {
            }
        };
    }
}
