package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;

/**
 * Data that does not match its hash: a received block whose SHA-256 is not its id, a body that does
 * not decompress, a stored block that was damaged, a manifest chunk that is malformed or damaged.
 * Names the block (if one) and, for stored data, the file. Exit code 12.
 */
public final class IntegrityException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final transient BlockId block;
    private final String pack;

    public IntegrityException(BlockId block, String pack, String message) {
        super(Kind.INTEGRITY, message);
        this.block = block;
        this.pack = pack;
    }

    public IntegrityException(BlockId block, String pack, String message, Throwable cause) {
        super(Kind.INTEGRITY, message, cause);
        this.block = block;
        this.pack = pack;
    }

    /** The block concerned, or null when the failure is not about one block. */
    public BlockId block() {
        return block;
    }

    /**
     * Where the bad data lies: the pack file ("data/...") of a block, a manifest chunk ("manifest chunk
     * manifests/..."), or null for a block that was not stored yet.
     */
    public String pack() {
        return pack;
    }
}
