package io.lifeboat.repository;

import io.lifeboat.repository.hashing.MultiBlockSha256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A block's name: the SHA-256 of its uncompressed bytes. Held as its 32 bytes in four longs (big-endian),
 * not as text: a vault indexes hundreds of millions of these, and 48 bytes per id beat the ~120 of a
 * 64-character string. {@link #hex()} spells it as 64 lowercase hex digits (files, logs, the API);
 * equality, hashing and order are on the binary form, and the order is that of the hex spelling.
 */
public final class BlockId implements Comparable<BlockId> {
    /** Bytes in an id. */
    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final long a;
    private final long b;
    private final long c;
    private final long d;

    private BlockId(long a, long b, long c, long d) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    /**
     * Parses 64 lowercase hex digits; kept as a constructor so callers read as before.
     *
     * @throws IllegalArgumentException naming the text when it is not an id
     */
    public BlockId(String hex) {
        if (!isLowerHex64(hex)) {
            throw new IllegalArgumentException("not a block id (64 lowercase hex digits): " + hex);
        }
        this.a = HexFormat.fromHexDigitsToLong(hex, 0, 16);
        this.b = HexFormat.fromHexDigitsToLong(hex, 16, 32);
        this.c = HexFormat.fromHexDigitsToLong(hex, 32, 48);
        this.d = HexFormat.fromHexDigitsToLong(hex, 48, 64);
    }

    /** {@link #BlockId(String)} by name. */
    public static BlockId parse(String hex) {
        return new BlockId(hex);
    }

    /** The id whose 32 bytes start at {@code offset} of {@code bytes}. */
    public static BlockId fromBytes(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < BYTES) {
            throw new IllegalArgumentException("a block id needs 32 bytes, " + Math.max(0, bytes.length - offset) + " given");
        }
        return new BlockId(longAt(bytes, offset), longAt(bytes, offset + 8), longAt(bytes, offset + 16),
                longAt(bytes, offset + 24));
    }

    /** The id of a 32-byte digest. */
    public static BlockId fromBytes(byte[] digest) {
        if (digest.length != BYTES) {
            throw new IllegalArgumentException("a block id is 32 bytes, not " + digest.length);
        }
        return fromBytes(digest, 0);
    }

    /** Reads an id from a buffer (32 bytes, advancing its position). */
    public static BlockId read(java.nio.ByteBuffer in) {
        return new BlockId(in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }

    /** The id of four big-endian words (an on-disk table slot, {@link BlockTable}). */
    static BlockId ofWords(long a, long b, long c, long d) {
        return new BlockId(a, b, c, d);
    }

    /** Word {@code i} (0..3) of the 32 bytes, big-endian. */
    long word(int i) {
        return switch (i) {
            case 0 -> a;
            case 1 -> b;
            case 2 -> c;
            case 3 -> d;
            default -> throw new IndexOutOfBoundsException("a block id has words 0..3, not " + i);
        };
    }

    /** Writes the 32 bytes to a buffer (advancing its position). */
    public void write(java.nio.ByteBuffer out) {
        out.putLong(a).putLong(b).putLong(c).putLong(d);
    }

    /** Writes the 32 bytes into {@code out} at {@code offset}. */
    public void copyTo(byte[] out, int offset) {
        putLong(out, offset, a);
        putLong(out, offset + 8, b);
        putLong(out, offset + 16, c);
        putLong(out, offset + 24, d);
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        copyTo(out, 0);
        return out;
    }

    /** The id as 64 lowercase hex digits, made on each call (ids are kept binary). */
    public String hex() {
        return HEX.toHexDigits(a) + HEX.toHexDigits(b) + HEX.toHexDigits(c) + HEX.toHexDigits(d);
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** A plain loop: ids are parsed from every index and ownership file, so this runs millions of times. */
    private static boolean isLowerHex64(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char ch = s.charAt(i);
            if ((ch < '0' || ch > '9') && (ch < 'a' || ch > 'f')) {
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
        return fromBytes(sha.digest());
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

    /**
     * The ids of {@code bodies[i]} (from its position to its limit) for i in {@code [0, count)}: buffers
     * in the heap or outside it (a pack received in place). With SHA extensions each goes through
     * {@link MessageDigest} where it lies; with the vector kernel, bodies of one length are hashed
     * together as {@link #ofAll(byte[][], int[], int[], int)} does. Positions are left as they were.
     */
    public static BlockId[] ofAll(java.nio.ByteBuffer[] bodies, int count) {
        byte[][] digests = new byte[count][MultiBlockSha256.DIGEST_LENGTH];
        MultiBlockSha256.digest(bodies, count, digests);
        BlockId[] ids = new BlockId[count];
        for (int i = 0; i < count; i++) {
            ids[i] = fromBytes(digests[i]);
        }
        return ids;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Unsigned, word by word: the order of the hex spelling. */
    @Override
    public int compareTo(BlockId o) {
        int r = Long.compareUnsigned(a, o.a);
        if (r == 0) {
            r = Long.compareUnsigned(b, o.b);
        }
        if (r == 0) {
            r = Long.compareUnsigned(c, o.c);
        }
        return r != 0 ? r : Long.compareUnsigned(d, o.d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockId x && a == x.a && b == x.b && c == x.c && d == x.d;
    }

    /** The first eight bytes of a SHA-256 are as uniform as a hash gets. */
    /** The id's first eight bytes as a long (big-endian): a SHA-256, so as good as any hash of it ({@link BlockFilter}). */
    long first64() {
        return a;
    }

    @Override
    public int hashCode() {
        return (int) (a ^ (a >>> 32));
    }

    @Override
    public String toString() {
        return hex();
    }
}
