package io.lifeboat.repository;

/**
 * Receives a manifest in order, one piece at a time, as {@link ManifestChunkReader} decodes it chunk
 * by chunk: so a point of a hundred million blocks is read, checked or restored without ever being
 * whole in memory. The blocks after an {@link #entry} belong to that entry, also when they arrive
 * in a later chunk.
 */
public interface ManifestVisitor {
    /** The next entry; {@code header.blocks()} is empty (its blocks follow). */
    void entry(Entry header);

    /** The next block of the current entry: {@code length} bytes named {@code id}. */
    void block(BlockId id, int length);

    /** The next {@code count} all-zero blocks of the current entry, {@code length} bytes each. */
    void zeros(long count, int length);

    /** Gives this visitor a whole in-memory manifest, in order, as a reader would. */
    default void replay(Manifest m) {
        for (Entry e : m.entries()) {
            entry(e);
            for (BlockRef b : e.blocks()) {
                if (b.isZero()) {
                    zeros(1, b.length());
                } else {
                    block(b.id(), b.length());
                }
            }
        }
    }
}
