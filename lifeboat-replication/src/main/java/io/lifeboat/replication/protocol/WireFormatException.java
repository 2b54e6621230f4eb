package io.lifeboat.replication.protocol;

import io.lifeboat.tls.LifeboatException;

/** A replication message that does not follow its format: truncated, over a bound, or malformed ({@link BodyTooLargeException}: more than the vault takes in). */
public class WireFormatException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(Kind.USAGE, message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(Kind.USAGE, message, cause);
    }
}
