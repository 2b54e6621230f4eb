package io.lifeboat.agent.snapshot;

import java.nio.file.Path;

/** Takes a {@link Snapshot} of a source before a protect pass reads it. */
public sealed interface SnapshotProvider permits SnapshotProvider.None, ReflinkSnapshot, LvmSnapshot, ScriptSnapshot,
        AppConsistentSnapshot {
    /** No snapshot: the source is read live and its points are labelled so. */
    SnapshotProvider NONE = new None();

    /**
     * @throws SnapshotException naming the source, the provider and the reason (a command's
     *                           message, a file system that cannot clone, not a logical volume)
     */
    Snapshot take(Path source);

    /** The provider's name as {@code agent protect --snapshot} takes it. */
    String name();

    /** Reads the source itself. */
    record None() implements SnapshotProvider {
        @Override
        public Snapshot take(Path source) {
            return Snapshot.live(source);
        }

        @Override
        public String name() {
            return "none";
        }
    }
}
