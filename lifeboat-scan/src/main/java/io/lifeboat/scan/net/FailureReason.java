package io.lifeboat.scan.net;

import java.util.Locale;

/** Why one connection (one probe job) did not produce an answer. The JSON uses {@link #code()}. */
public enum FailureReason {
    /** The host name did not resolve. */
    UNKNOWN_HOST,
    /** Nothing listens there (RST to our SYN). */
    CONNECTION_REFUSED,
    /** No answer to the SYN within the timeout. */
    CONNECT_TIMEOUT,
    /** Connected, but the server did not finish answering within the timeout. */
    TIMEOUT,
    /** The server reset the connection. */
    CONNECTION_RESET,
    /** The server closed the connection before answering. */
    CONNECTION_CLOSED,
    /** The server answered with something that is not TLS (HTTP, SSH banner, garbage). */
    NOT_TLS,
    /** The server answered TLS-shaped bytes that break the format (bad lengths, oversized fields). */
    MALFORMED,
    /** The server answered with a fatal alert. Often the expected outcome of a probe. */
    ALERT,
    /** The server answered, but not in a way the probe can use (wrong version, unexpected message). */
    UNEXPECTED_ANSWER,
    /** The server did not agree to start TLS (--starttls): the detail quotes its answer. */
    STARTTLS_REFUSED,
    /** Any other I/O or internal error; the detail says which. */
    ERROR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
