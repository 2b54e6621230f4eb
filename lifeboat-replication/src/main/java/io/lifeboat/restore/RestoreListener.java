package io.lifeboat.restore;

import io.lifeboat.repository.PointInfo;

/**
 * Progress of a failover, owned by the core; the CLI renders it as a bar, plain lines or JSON events.
 * Every method has a no-op default. Calls come from the restoring thread.
 */
public interface RestoreListener {
    RestoreListener NONE = new RestoreListener() {
    };

    /** Before anything is written: the point and the bytes the source holds. */
    default void start(PointInfo point, long totalBytes) {
    }

    /** An entry (file, folder, symlink; "" for a single-file source) is being restored. */
    default void entry(String path) {
    }

    /** Bytes restored so far, holes included. */
    default void progress(long bytesDone) {
    }

    /**
     * Bytes written to TARGET so far, called right after each write. A failover in place writes only
     * the blocks that differ, so this can stay far below {@link #progress}.
     */
    default void written(long bytesWritten) {
    }

    /** A test failover is reading TARGET back (bytes read so far). */
    default void checking(long bytesChecked) {
    }

    /**
     * Something the failover could not make as safe as it should, and goes on without (a message
     * naming what and where, and what it puts at risk).
     */
    default void warning(String message) {
    }

    /** The restore finished. */
    default void done(RestoreResult result) {
    }
}
