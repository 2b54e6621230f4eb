package io.lifeboat.restore;

import io.lifeboat.tls.LifeboatException;

/** A failover that could not be done: a non-empty target without force, a full disk, an unwritable target. */
public final class RestoreException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    public RestoreException(Kind kind, String message) {
        super(kind, message);
    }

    public RestoreException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
