package io.lifeboat.repository;

import io.lifeboat.repository.hashing.MultiBlockSha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A block's name: the SHA-256 of its uncompressed bytes, as 64 lowercase hex digits. */
public record BlockId(String hex) implements Comparable<BlockId> {
    private static final HexFormat HEX = HexFormat.of();

    public BlockId {
        if (!isLowerHex64(hex)) {
            throw new IllegalArgumentException("not a block id (64 lowercase hex digits): " + hex);
        }
    }

    /** A plain loop: ids are made for every block on both sides, so this runs millions of times. */
    private static boolean isLowerHex64(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    public static BlockId of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static BlockId of(byte[] data, int offset, int length) {
        MessageDigest sha = sha256();
        sha.update(data, offset, length);
        return new BlockId(HEX.formatHex(sha.digest()));
    }

    /**
     * The ids of {@code data[i][0..lengths[i])} for i in {@code [0, count)}, hashed many at a time
     * ({@link MultiBlockSha256}): blocks of one length go through the vector lanes together, so a run
     * of full-size blocks costs about a third of hashing them one by one.
     */
    public static BlockId[] ofAll(byte[][] data, int[] lengths, int count) {
        return ofAll(data, new int[count], lengths, count);
    }

    /** {@link #ofAll(byte[][], int[], int)} of whole arrays, each one block. */
    public static BlockId[] ofAll(List<byte[]> blocks) {
        int n = blocks.size();
        byte[][] data = blocks.toArray(new byte[0][]);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = data[i].length;
        }
        return ofAll(data, lengths, n);
    }

    /** {@link #ofAll(byte[][], int[], int)} of {@code data[i][offsets[i] .. +lengths[i])}: blocks inside larger arrays. */
    public static BlockId[] ofAll(byte[][] data, int[] offsets, int[] lengths, int count) {
        BlockId[] ids = new BlockId[count];
        byte[][] digests = new byte[count][MultiBlockSha256.DIGEST_LENGTH];
        int[] zeroOffsets = new int[count];
        // nearly always one length (the block size) and perhaps one short last block
        int[] order = new int[count];
        boolean[] done = new boolean[count];
        for (int first = 0; first < count; first++) {
            if (done[first]) {
                continue;
            }
            int n = 0;
            for (int i = first; i < count; i++) {
                if (!done[i] && lengths[i] == lengths[first]) {
                    order[n++] = i;
                    done[i] = true;
                }
            }
            byte[][] msgs = new byte[n][];
            int[] msgOffsets = new int[n];
            byte[][] outs = new byte[n][];
            for (int k = 0; k < n; k++) {
                msgs[k] = data[order[k]];
                msgOffsets[k] = offsets[order[k]];
                outs[k] = digests[order[k]];
            }
            MultiBlockSha256.digest(msgs, msgOffsets, lengths[first], n, outs, zeroOffsets);
        }
        for (int i = 0; i < count; i++) {
            ids[i] = fromBytes(digests[i]);
        }
        return ids;
    }

    public static BlockId fromBytes(byte[] digest) {
        return new BlockId(HEX.formatHex(digest));
    }

    public byte[] toBytes() {
        return HEX.parseHex(hex);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int compareTo(BlockId o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
