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

    /** Shared zero refs of the power-of-two lengths blocks are cut at (a sparse terabyte names 2^25 of them). */
    private static final BlockRef[] ZEROS = new BlockRef[31];

    static {
        for (int i = 0; i < ZEROS.length; i++) {
            ZEROS[i] = new BlockRef(null, 1 << i);
        }
    }

    public static BlockRef zero(int length) {
        return Integer.bitCount(length) == 1 ? ZEROS[Integer.numberOfTrailingZeros(length)] : new BlockRef(null, length);
    }

    public boolean isZero() {
        return id == null;
    }
}
