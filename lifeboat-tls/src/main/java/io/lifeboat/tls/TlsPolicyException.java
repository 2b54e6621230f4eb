package io.lifeboat.tls;

/** A TLS policy that Lifeboat refuses to build: a user error, never clamped into a "safe" one. */
public final class TlsPolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TlsPolicyException(String message) {
        super(message);
    }
}
