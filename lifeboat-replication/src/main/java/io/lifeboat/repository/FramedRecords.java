package io.lifeboat.repository;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The frame the repository's binary files of fixed-size records share (an {@code index/<pack>} file,
 * {@link PackIndexCodec}; a {@code machines/<machine>/<id>} file, {@link OwnershipCodec}), big-endian:
 * <pre>
 * magic                 6 bytes   five letters and the format version
 * count                 u32       records that follow
 * name length           u16
 * name                  ASCII     the pack or machine the file is of
 * records               count x the kind's record size
 * crc32c                u32       CRC-32C of every byte before it
 * </pre>
 * Reading checks the whole frame (the version, the length the header implies, the CRC) before the
 * caller decodes a record, and a refusal names the file and the byte offset of what is wrong.
 */
final class FramedRecords {
    private static final int CRC = 4;

    private final byte[] magic;
    private final int record;
    /** What a file of this kind is called in a refusal: "index", "ownership record". */
    private final String noun;
    /** What its name names: "pack", "machine". */
    private final String nameOf;
    private final int fixed;

    /** One checked file: its records start at {@code recordsAt} in {@code in}. */
    record Frame(ByteBuffer in, String name, int count, int recordsAt) {
    }

    FramedRecords(byte[] magic, int recordBytes, String noun, String nameOf) {
        this.magic = magic.clone();
        this.record = recordBytes;
        this.noun = noun;
        this.nameOf = nameOf;
        this.fixed = magic.length + 4 + 2;
    }

    /** A buffer holding the frame's header, positioned where {@code count} records are to be put. */
    ByteBuffer start(String name, int count) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length > 0xffff) {
            throw new IllegalArgumentException("a " + nameOf + " name of " + n.length + " characters");
        }
        long size = (long) fixed + n.length + (long) record * count + CRC;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("an " + noun + " of " + count + " blocks is too large for one file");
        }
        return ByteBuffer.allocate((int) size).put(magic).putInt(count).putShort((short) n.length).put(n);
    }

    /** The file's bytes: the records put after {@link #start}, then the CRC of all before it. */
    byte[] finish(ByteBuffer out) {
        if (out.remaining() != CRC) {
            throw new IllegalStateException((out.remaining() - CRC) + " bytes of records were not put");
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** True when {@code bytes} start as this kind's binary form, or as a part of its magic (one cut short). */
    boolean isBinary(byte[] bytes) {
        int n = Math.min(bytes.length, magic.length - 1);
        return n > 0 && Arrays.equals(bytes, 0, n, magic, 0, n);
    }

    /**
     * Checks the frame of a binary file named {@code what} in refusals ({@code "index/<pack>"}).
     *
     * @throws io.lifeboat.tls.LifeboatException (USAGE) naming {@code what} and the byte offset when the
     *     file is truncated, too long, of another format version or damaged
     */
    Frame check(byte[] bytes, String what) {
        if (bytes.length < fixed + CRC) {
            throw ManifestCodec.bad(what + ": truncated: " + bytes.length + " bytes, shorter than the "
                    + (fixed + CRC) + " of an empty " + noun + "'s header and checksum");
        }
        int version = magic.length - 1;
        if (bytes[version] != magic[version]) {
            throw ManifestCodec.bad(what + ": binary " + noun + " format version " + (bytes[version] & 0xff)
                    + " at offset " + version + "; this Lifeboat reads version " + magic[version]);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long count = in.getInt(magic.length) & 0xffffffffL;
        int nameLength = in.getShort(magic.length + 4) & 0xffff;
        long recordsAt = fixed + nameLength;
        long expected = recordsAt + count * record + CRC;
        if (bytes.length != expected) {
            String where = bytes.length < expected && bytes.length >= recordsAt
                    ? ", the file ends inside record " + (bytes.length - recordsAt) / record + " (which starts at offset "
                            + (recordsAt + (bytes.length - recordsAt) / record * record) + ")"
                    : "";
            throw ManifestCodec.bad(what + ": " + (bytes.length < expected ? "truncated" : "too long") + ": "
                    + bytes.length + " bytes where its header (" + count + " records, a " + nameOf + " name of "
                    + nameLength + " bytes) needs " + expected + where);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC);
        int stored = in.getInt(bytes.length - CRC);
        if ((int) crc.getValue() != stored) {
            throw ManifestCodec.bad(what + ": damaged: the CRC-32C at offset " + (bytes.length - CRC) + " ("
                    + Integer.toHexString(stored) + ") does not match bytes 0.." + (bytes.length - CRC) + " ("
                    + Integer.toHexString((int) crc.getValue()) + ")");
        }
        return new Frame(in, new String(bytes, fixed, nameLength, StandardCharsets.US_ASCII), (int) count, (int) recordsAt);
    }
}
