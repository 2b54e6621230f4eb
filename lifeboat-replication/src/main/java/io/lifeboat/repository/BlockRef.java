package io.lifeboat.repository;

/**
 * One block of an entry, in order: its id and uncompressed length, or an all-zero block (id null),
 * which is never sent nor stored and is restored as a hole (sparse).
 */
public record BlockRef(BlockId id, int length) {
    public BlockRef {
        if (length <= 0) {
            throw new IllegalArgumentException("block length must be positive: " + length);
        }
    }

    public static BlockRef zero(int length) {
        return new BlockRef(null, length);
    }

    public boolean isZero() {
        return id == null;
    }
}
