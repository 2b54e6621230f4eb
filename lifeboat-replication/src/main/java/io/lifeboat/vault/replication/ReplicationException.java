package io.lifeboat.vault.replication;

import io.lifeboat.tls.LifeboatException;

/** A replication request the vault refuses, with the HTTP status it answers and a one-line reason. */
public final class ReplicationException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ReplicationException(int status, String message) {
        super(status == 403 ? Kind.IDENTITY_REJECTED : status == 422 ? Kind.INTEGRITY : Kind.USAGE, message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ReplicationException forbidden(String message) {
        return new ReplicationException(403, message);
    }

    public static ReplicationException notFound(String message) {
        return new ReplicationException(404, message);
    }
}
