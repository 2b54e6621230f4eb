package io.lifeboat.agent.protect;

import io.lifeboat.tls.LifeboatException;

/** The vault answered a replication request with an error it will repeat if asked again. */
public final class VaultRequestException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public VaultRequestException(int status, String message) {
        super(kindOf(status), message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 401, 403 -> Kind.IDENTITY_REJECTED;
            case 400, 413 -> Kind.USAGE;
            case 422 -> Kind.INTEGRITY;
            default -> Kind.FAILED;
        };
    }
}
