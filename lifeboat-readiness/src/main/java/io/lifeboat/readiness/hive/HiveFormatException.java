package io.lifeboat.readiness.hive;

import io.lifeboat.readiness.registry.RegistryFormatException;

/**
 * A hive or transaction log that is corrupt, truncated or not a hive: the message names the file,
 * the byte offset in that file (hex and decimal) and what was expected there.
 */
public final class HiveFormatException extends RegistryFormatException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long offset;

    public HiveFormatException(String source, long offset, String problem) {
        super(String.format("%s: corrupt registry hive at offset 0x%x (%d): %s", source, offset, offset, problem));
        this.source = source;
        this.offset = offset;
    }

    public String source() {
        return source;
    }

    /** Offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}
