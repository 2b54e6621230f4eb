package io.lifeboat.readiness.registry;

import io.lifeboat.tls.LifeboatException;

/**
 * Registry input that cannot be read: a malformed {@code .reg} file, a corrupt or truncated hive, a
 * bad transaction log. Always a user error (exit 2) with a one-line message naming the file and the
 * place (line number or byte offset). Parsers throw this and nothing else for bad bytes.
 */
public class RegistryFormatException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    public RegistryFormatException(String message) {
        super(Kind.USAGE, message);
    }

    public RegistryFormatException(String message, Throwable cause) {
        super(Kind.USAGE, message, cause);
    }
}
