package io.lifeboat.repository;

/**
 * An upload refused because the vault's free disk is below its reserve: nothing of it was stored,
 * nothing stored before is touched; commits that need no new block and pruning still work.
 */
public final class StorageFullException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public StorageFullException(String message) {
        super(Kind.FAILED, message);
    }
}
