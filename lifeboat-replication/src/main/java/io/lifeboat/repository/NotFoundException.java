package io.lifeboat.repository;

/** A point, manifest or block that this machine does not have in the repository. */
public final class NotFoundException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(Kind.USAGE, message);
    }
}
