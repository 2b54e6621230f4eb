package io.lifeboat.vault.groups;

/** A group request answered with an error: the HTTP status and the stable error code. */
final class GroupRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    GroupRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
