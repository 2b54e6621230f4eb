package io.lifeboat.repository;

import java.util.List;

/**
 * A manifest names blocks that are not durably stored for its machine; the point was not committed.
 * The message names the first missing block; {@link #missing()} lists the first of them (the agent uploads
 * them and commits again).
 */
public final class MissingBlocksException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final transient List<BlockId> missing;

    public MissingBlocksException(String machine, String path, List<BlockId> missing) {
        this(machine, path, missing, missing.size());
    }

    /** @param count how many blocks are missing, of which {@code missing} names the first ones */
    public MissingBlocksException(String machine, String path, List<BlockId> missing, long count) {
        super(Kind.USAGE, "cannot commit the point of machine " + machine + ": block " + missing.get(0)
                + (path == null || path.isEmpty() ? "" : " (of " + path + ")") + " is not stored"
                + (count > 1 ? " (and " + (count - 1) + " more blocks)" : "")
                + "; upload the missing blocks, then commit again");
        this.missing = List.copyOf(missing);
    }

    public List<BlockId> missing() {
        return missing;
    }
}
