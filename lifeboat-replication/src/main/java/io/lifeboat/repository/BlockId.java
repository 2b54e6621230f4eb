package io.lifeboat.repository;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A block's name: the SHA-256 of its uncompressed bytes, as 64 lowercase hex digits. */
public record BlockId(String hex) implements Comparable<BlockId> {
    private static final HexFormat HEX = HexFormat.of();

    public BlockId {
        if (hex == null || hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a block id (64 lowercase hex digits): " + hex);
        }
    }

    public static BlockId of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static BlockId of(byte[] data, int offset, int length) {
        MessageDigest sha = sha256();
        sha.update(data, offset, length);
        return new BlockId(HEX.formatHex(sha.digest()));
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
