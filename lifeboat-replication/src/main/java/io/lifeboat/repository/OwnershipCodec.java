package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The two forms of a {@code machines/<machine>/<id>} file, an ownership record ({@code
 * docs/repository-format.md}, "machines/&lt;machine&gt;/&lt;id&gt;"): the binary form every new record
 * gets, and the JSON form of vaults written before it ({@link RepositoryFiles#ownership(byte[], String)}),
 * still read and never rewritten as such (a JSON record goes when retention compacts the machine's
 * records, which writes them binary). The first bytes tell which: {@code "LBOWN"} or {@code '{'}.
 *
 * <p>Binary, big-endian, as the index files ({@link PackIndexCodec}):
 * <pre>
 * "LBOWN" 0x01          6 bytes   magic and format version
 * count                 u32       records that follow
 * name length           u16
 * machine               ASCII     must be the folder the file lies in
 * records               count x 40 bytes: id (32) | uploaded u64 (epoch milliseconds, not negative)
 * crc32c                u32       CRC-32C of every byte before it
 * </pre>
 * Fixed-size records decoded with no parse: the JSON form was the largest part of a failover's open
 * ({@code docs/performance.md}, "Ownership records in binary"). A file that is truncated, extended,
 * damaged (the CRC), of another machine or out of range is refused naming the file and the byte
 * offset; the repository then skips it with a warning, as it does a JSON record it cannot parse.
 */
final class OwnershipCodec {
    static final byte[] MAGIC = {'L', 'B', 'O', 'W', 'N', 1};
    /** id, upload time. */
    static final int RECORD = 32 + 8;
    private static final int FIXED = MAGIC.length + 4 + 2; // before the machine's name
    private static final int CRC = 4;

    /** One ownership file decoded: block {@code i} is {@code ids[i]}, uploaded at {@code uploaded[i]}. */
    record OwnedBlocks(BlockId[] ids, long[] uploaded) {
        int count() {
            return ids.length;
        }
    }

    private OwnershipCodec() {
    }

    /** The binary record of {@code machine}'s blocks, each with its upload time, in the map's order. */
    static byte[] encode(String machine, Map<BlockId, Long> blocks) {
        byte[] name = machine.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > 0xffff) {
            throw new IllegalArgumentException("a machine name of " + name.length + " characters");
        }
        long size = (long) FIXED + name.length + (long) RECORD * blocks.size() + CRC;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("an ownership record of " + blocks.size() + " blocks is too large for one file");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).putInt(blocks.size()).putShort((short) name.length).put(name);
        blocks.forEach((id, t) -> {
            if (t < 0) {
                throw new IllegalArgumentException("block " + id + " of machine " + machine + ": upload time " + t);
            }
            id.write(out);
            out.putLong(t);
        });
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** True when {@code bytes} start as a binary record, or as a part of its magic (one cut short). */
    static boolean isBinary(byte[] bytes) {
        int n = Math.min(bytes.length, MAGIC.length - 1);
        return n > 0 && Arrays.equals(bytes, 0, n, MAGIC, 0, n);
    }

    /**
     * Reads an ownership file of either form; {@code file} is its name under {@code machines/}
     * ({@code "<machine>/<id>"}), whose folder names the machine the record must be of.
     *
     * @throws io.lifeboat.tls.LifeboatException (USAGE) naming the file, and for a binary one the byte
     *     offset (for JSON the line and column), when it is malformed, damaged or of another machine
     */
    static OwnedBlocks read(byte[] bytes, String file) {
        if (isBinary(bytes)) {
            return decode(bytes, file);
        }
        Map<BlockId, Long> json;
        try {
            json = RepositoryFiles.ownership(bytes, file.substring(0, file.indexOf('/')));
        } catch (LifeboatException | IllegalArgumentException e) {
            throw ManifestCodec.bad("machines/" + file + ": " + e.getMessage());
        }
        BlockId[] ids = new BlockId[json.size()];
        long[] times = new long[json.size()];
        int i = 0;
        for (Map.Entry<BlockId, Long> e : json.entrySet()) {
            ids[i] = e.getKey();
            times[i++] = e.getValue();
        }
        return new OwnedBlocks(ids, times);
    }

    /** Decodes a binary record; see {@link #read}. */
    static OwnedBlocks decode(byte[] bytes, String file) {
        String what = "machines/" + file;
        if (bytes.length < FIXED + CRC) {
            throw ManifestCodec.bad(what + ": truncated: " + bytes.length + " bytes, shorter than the "
                    + (FIXED + CRC) + " of an empty record's header and checksum");
        }
        if (bytes[MAGIC.length - 1] != MAGIC[MAGIC.length - 1]) {
            throw ManifestCodec.bad(what + ": binary ownership format version " + (bytes[MAGIC.length - 1] & 0xff)
                    + " at offset " + (MAGIC.length - 1) + "; this Lifeboat reads version " + MAGIC[MAGIC.length - 1]);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long count = in.getInt(MAGIC.length) & 0xffffffffL;
        int nameLength = in.getShort(MAGIC.length + 4) & 0xffff;
        long expected = (long) FIXED + nameLength + count * RECORD + CRC;
        if (bytes.length != expected) {
            long recordsAt = FIXED + nameLength;
            String where = bytes.length < expected && bytes.length >= recordsAt
                    ? ", the file ends inside record " + (bytes.length - recordsAt) / RECORD + " (which starts at offset "
                            + (recordsAt + (bytes.length - recordsAt) / RECORD * RECORD) + ")"
                    : "";
            throw ManifestCodec.bad(what + ": " + (bytes.length < expected ? "truncated" : "too long") + ": "
                    + bytes.length + " bytes where its header (" + count + " records, a machine name of " + nameLength
                    + " bytes) needs " + expected + where);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC);
        int storedCrc = in.getInt(bytes.length - CRC);
        if ((int) crc.getValue() != storedCrc) {
            throw ManifestCodec.bad(what + ": damaged: the CRC-32C at offset " + (bytes.length - CRC) + " ("
                    + Integer.toHexString(storedCrc) + ") does not match bytes 0.." + (bytes.length - CRC) + " ("
                    + Integer.toHexString((int) crc.getValue()) + ")");
        }
        String machine = new String(bytes, FIXED, nameLength, StandardCharsets.US_ASCII);
        if (!file.startsWith(machine + "/")) {
            throw ManifestCodec.bad(what + ": names another machine at offset " + FIXED + ": " + machine);
        }
        BlockId[] ids = new BlockId[(int) count];
        long[] times = new long[(int) count];
        int at = FIXED + nameLength;
        for (int i = 0; i < count; i++, at += RECORD) {
            long t = in.getLong(at + 32);
            if (t < 0) {
                throw ManifestCodec.bad(what + ": record " + i + " at offset " + at + " is out of range (upload time " + t + ")");
            }
            ids[i] = BlockId.ofWords(in.getLong(at), in.getLong(at + 8), in.getLong(at + 16), in.getLong(at + 24));
            times[i] = t;
        }
        return new OwnedBlocks(ids, times);
    }
}
