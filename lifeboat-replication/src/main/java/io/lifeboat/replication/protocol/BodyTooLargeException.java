package io.lifeboat.replication.protocol;

/**
 * A replication message within the byte limit that is still more than the vault takes in: JSON with
 * more tokens than it parses in one body. The vault answers {@code 413 too_large}, as for a body over
 * the byte limit; an agent answered so for a delta commit sends the whole manifest in chunks instead.
 */
public final class BodyTooLargeException extends WireFormatException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(String message) {
        super(message);
    }

    public BodyTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
