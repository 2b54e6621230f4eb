package io.lifeboat.repository;

import java.util.List;

/**
 * What a recovery point holds: the layout of one source and the blocks that make it up, in order.
 * The agent builds it; the vault stores it once every block it names is durable.
 *
 * @param source    the protected path as the agent named it
 * @param blockSize the fixed block size used to cut files (the last block of a file may be shorter)
 */
public record Manifest(int formatVersion, String source, SourceKind kind, int blockSize, List<Entry> entries) {
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        entries = List.copyOf(entries);
    }

    /** Bytes of the source: the sum of file sizes. */
    public long sourceBytes() {
        return entries.stream().mapToLong(e -> e.type() == EntryType.FILE ? e.size() : 0).sum();
    }
}
