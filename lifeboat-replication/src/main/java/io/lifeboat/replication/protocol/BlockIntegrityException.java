package io.lifeboat.replication.protocol;

import io.lifeboat.repository.BlockId;
import io.lifeboat.tls.LifeboatException;

/** A block whose bytes do not hash to the id it was sent or stored under. */
public final class BlockIntegrityException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final transient BlockId claimed;

    public BlockIntegrityException(BlockId claimed, String message) {
        super(Kind.INTEGRITY, message);
        this.claimed = claimed;
    }

    public BlockId claimed() {
        return claimed;
    }
}
