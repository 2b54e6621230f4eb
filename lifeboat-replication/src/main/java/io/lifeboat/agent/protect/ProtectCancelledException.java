package io.lifeboat.agent.protect;

import io.lifeboat.tls.LifeboatException;

/** The pass was abandoned because a stop was requested; nothing half-done is visible in the vault. */
public final class ProtectCancelledException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    public ProtectCancelledException() {
        super(Kind.FAILED, "protect pass abandoned: stop requested (blocks already sent are kept and not sent again)");
    }
}
