package io.lifeboat.vault.replication;

import io.lifeboat.tls.LifeboatException;

/**
 * A replication request the vault refuses: the HTTP status, a stable error code and a one-line
 * reason, answered as {@code {"error": code, "message": reason}} like every vault error.
 */
public final class ReplicationException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ReplicationException(int status, String code, String message) {
        super(status == 403 ? Kind.IDENTITY_REJECTED : status == 422 ? Kind.INTEGRITY
                : status >= 500 ? Kind.FAILED : Kind.USAGE, message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
