package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;

/**
 * A repository operation that could not be done: an unknown point, a manifest that names blocks the
 * machine has not stored, a store that failed (full disk), a repository locked by another writer.
 * Integrity failures are {@link IntegrityException}.
 */
public class RepositoryException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    public RepositoryException(Kind kind, String message) {
        super(kind, message);
    }

    public RepositoryException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
