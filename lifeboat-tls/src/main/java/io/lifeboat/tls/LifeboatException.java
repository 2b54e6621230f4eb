package io.lifeboat.tls;

/**
 * The root of every failure Lifeboat reports to a user. Each module subclasses it
 * ({@code HiveFormatException}, {@code IntegrityException}, ...); the CLI maps {@link #kind()} to
 * an exit code in one place and prints {@link #getMessage()} as one line, so the message must name
 * what was wrong, where, and what to do.
 */
public class LifeboatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What sort of failure this is; decides the exit code. */
    public enum Kind {
        /** Bad input or configuration from the user (a malformed file, a wrong flag value): exit 2. */
        USAGE,
        /** The vault (or the endpoint asked for) could not be reached: exit 10. */
        UNREACHABLE,
        /** The peer refused who we are, or we refused who it is (token, certificate, pin): exit 11. */
        IDENTITY_REJECTED,
        /** Stored or received data does not match its hash: exit 12. */
        INTEGRITY,
        /** Anything else that went wrong and was understood: exit 1. */
        FAILED
    }

    private final Kind kind;

    public LifeboatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LifeboatException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
