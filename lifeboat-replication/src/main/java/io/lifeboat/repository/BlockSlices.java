package io.lifeboat.repository;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Blocks read back and verified together ({@link Repository#readRun}), each a slice of a larger
 * array: a raw block is left where the ranged read of its pack put it, so a failover hashes it and
 * writes it from there without copying it out; a compressed one has an array of its own. Every
 * slice's SHA-256 was checked against its id before this object was made. The slices are the
 * caller's to read; nothing else holds them.
 */
public final class BlockSlices {
    /** No blocks. */
    public static final BlockSlices EMPTY = new BlockSlices(new byte[0][], new int[0], new int[0]);

    private final byte[][] arrays;
    private final int[] offsets;
    private final int[] lengths;

    BlockSlices(byte[][] arrays, int[] offsets, int[] lengths) {
        this.arrays = arrays;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    public int size() {
        return arrays.length;
    }

    public int length(int i) {
        return lengths[i];
    }

    /** Block {@code i} as a buffer over its slice (position 0 at its first byte). */
    public ByteBuffer buffer(int i) {
        return ByteBuffer.wrap(arrays[i], offsets[i], lengths[i]).slice();
    }

    /** Block {@code i} in an array of its own (no copy when the block already fills one). */
    public byte[] copy(int i) {
        byte[] a = arrays[i];
        if (offsets[i] == 0 && lengths[i] == a.length) {
            return a;
        }
        return Arrays.copyOfRange(a, offsets[i], offsets[i] + lengths[i]);
    }
}
