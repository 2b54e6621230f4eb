package io.lifeboat.agent.snapshot;

import io.lifeboat.tls.LifeboatException;

/** A snapshot could not be taken: the pass stops before it reads anything, and no point is made. */
public final class SnapshotException extends LifeboatException {
    public SnapshotException(String message) {
        super(Kind.FAILED, message);
    }
}
