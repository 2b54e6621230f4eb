package io.lifeboat.vault.store;

import io.lifeboat.tls.LifeboatException;

/** An enrolment token the vault will not accept; {@link #code()} is the stable API error code. */
public final class TokenRefusedException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public TokenRefusedException(String code, String message) {
        super(Kind.IDENTITY_REJECTED, message);
        this.code = code;
    }

    /** "token_unknown", "token_used", "token_expired", "token_wrong_machine" or "token_secret". */
    public String code() {
        return code;
    }
}
