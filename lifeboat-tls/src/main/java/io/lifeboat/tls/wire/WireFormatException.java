package io.lifeboat.tls.wire;

import io.lifeboat.tls.LifeboatException;

/**
 * The peer sent bytes that are not a well-formed TLS (or SSL 2.0) message. Carries the offset, counted
 * from the first byte the peer sent, at which the problem was found; the message names what was
 * expected there. The only exception the codec throws for bad input.
 */
public final class WireFormatException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public WireFormatException(long offset, String message) {
        super(Kind.FAILED, message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
