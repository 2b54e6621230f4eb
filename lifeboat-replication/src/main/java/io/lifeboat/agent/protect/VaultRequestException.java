package io.lifeboat.agent.protect;

import io.lifeboat.tls.LifeboatException;

/** The vault answered a replication request with an error it will repeat if asked again. */
public final class VaultRequestException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public VaultRequestException(int status, String message) {
        this(status, "", message);
    }

    /** @param error the vault's error code ({@code "error"} of its JSON answer, e.g. {@code unknown_parent}); "" if none */
    public VaultRequestException(int status, String error, String message) {
        super(kindOf(status), message);
        this.status = status;
        this.error = error == null ? "" : error;
    }

    public int status() {
        return status;
    }

    /** The vault's error code, "" when its answer had none. */
    public String error() {
        return error;
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
