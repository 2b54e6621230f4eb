package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The two forms of a {@code machines/<machine>/<id>} file, an ownership record ({@code
 * docs/repository-format.md}, "machines/&lt;machine&gt;/&lt;id&gt;"): the binary form every new record
 * gets, and the JSON form of vaults written before it ({@link RepositoryFiles#ownership(byte[], String)}),
 * still read and never rewritten as such (a JSON record goes when retention compacts the machine's
 * records, which writes them binary). The first bytes tell which: {@code "LBOWN"} or {@code '{'}.
 *
 * <p>Binary, big-endian, in the frame the index files share ({@link FramedRecords}, {@link PackIndexCodec}):
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
    private static final FramedRecords FRAME = new FramedRecords(MAGIC, RECORD, "ownership record", "machine");

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
        ByteBuffer out = FRAME.start(machine, blocks.size());
        blocks.forEach((id, t) -> {
            if (t < 0) {
                throw new IllegalArgumentException("block " + id + " of machine " + machine + ": upload time " + t);
            }
            id.write(out);
            out.putLong(t);
        });
        return FRAME.finish(out);
    }

    /** True when {@code bytes} start as a binary record, or as a part of its magic (one cut short). */
    static boolean isBinary(byte[] bytes) {
        return FRAME.isBinary(bytes);
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
        FramedRecords.Frame frame = FRAME.check(bytes, what);
        String machine = frame.name();
        if (!file.startsWith(machine + "/")) {
            throw ManifestCodec.bad(what + ": names another machine at offset " + (MAGIC.length + 6) + ": " + machine);
        }
        ByteBuffer in = frame.in();
        int count = frame.count();
        BlockId[] ids = new BlockId[count];
        long[] times = new long[count];
        int at = frame.recordsAt();
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
