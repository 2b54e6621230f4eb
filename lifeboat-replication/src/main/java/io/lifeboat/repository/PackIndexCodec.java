package io.lifeboat.repository;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The two forms of an {@code index/<pack>} file ({@code docs/repository-format.md}, "index/&lt;pack&gt;"):
 * the binary form every new pack gets, and the JSON form of vaults written before it, which is still
 * read (never rewritten: a JSON index goes when retention drops or repacks its pack). Which form a
 * file has is told by its first bytes: the binary form starts with {@code "LBIDX"}, JSON with {@code '{'}.
 *
 * <p>Binary, big-endian, as the pack's records, in the frame the ownership records share ({@link FramedRecords}):
 * <pre>
 * "LBIDX" 0x01          6 bytes   magic and format version
 * count                 u32       records that follow
 * name length           u16
 * pack name             ASCII     must be the file's own name
 * records               count x 49 bytes: id (32) | offset u64 | stored u32 | raw u32 | encoding u8
 * crc32c                u32       CRC-32C of every byte before it
 * </pre>
 * Fixed-size records read with one bulk read and no object per block: decoding one is about a tenth of
 * parsing the same entries as JSON ({@code docs/performance.md}, "Opening a vault"). A file that is
 * truncated, extended, damaged (the CRC) or out of range is refused with a message naming the pack and
 * the byte offset; the repository then rebuilds the index from the pack's own records
 * ({@link RepositoryLoader}), as it does for a JSON index it cannot parse.
 */
final class PackIndexCodec {
    static final byte[] MAGIC = {'L', 'B', 'I', 'D', 'X', 1};
    /** id, offset, stored length, raw length, encoding. */
    static final int RECORD = 32 + 8 + 4 + 4 + 1;
    private static final FramedRecords FRAME = new FramedRecords(MAGIC, RECORD, "index", "pack");

    private PackIndexCodec() {
    }

    /** The binary index of a pack: {@code ids.get(i)} lies at {@code locs.get(i)}. */
    static byte[] encode(String pack, List<Pack.Location> locs, List<BlockId> ids) {
        if (locs.size() != ids.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + locs.size() + " locations of pack " + pack);
        }
        ByteBuffer out = FRAME.start(pack, ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Pack.Location l = locs.get(i);
            ids.get(i).write(out);
            out.putLong(l.offset()).putInt(l.stored()).putInt(l.raw()).put((byte) l.encoding().code());
        }
        return FRAME.finish(out);
    }

    /**
     * True when {@code bytes} start as a binary index (whatever follows): {@code "LBIDX"}, or a part of it
     * when the file is shorter (a binary index cut short, refused as truncated rather than as bad JSON).
     */
    static boolean isBinary(byte[] bytes) {
        return FRAME.isBinary(bytes);
    }

    /**
     * Reads an index file of either form.
     *
     * @throws io.lifeboat.tls.LifeboatException (USAGE) naming the pack, and for a binary file the byte
     *     offset, when the file is malformed, damaged or describes another pack
     */
    static PackIndex read(byte[] bytes, String expectedPack) {
        return isBinary(bytes) ? decode(bytes, expectedPack) : RepositoryFiles.jsonIndex(bytes, expectedPack);
    }

    /** Decodes a binary index; see {@link #read}. */
    static PackIndex decode(byte[] bytes, String expectedPack) {
        String what = "index/" + expectedPack;
        FramedRecords.Frame frame = FRAME.check(bytes, what);
        if (!frame.name().equals(expectedPack)) {
            throw ManifestCodec.bad(what + " describes another pack: " + frame.name());
        }
        ByteBuffer in = frame.in();
        int count = frame.count();
        PackIndex out = new PackIndex(frame.name(), count);
        int at = frame.recordsAt();
        for (int i = 0; i < count; i++, at += RECORD) {
            long offset = in.getLong(at + 32);
            int stored = in.getInt(at + 40);
            int raw = in.getInt(at + 44);
            int enc = bytes[at + 48] & 0xff;
            if (offset < Pack.MAGIC.length || stored < 0 || raw < 0 || enc > 1) {
                throw ManifestCodec.bad(what + ": record " + i + " at offset " + at + " is out of range (block offset "
                        + offset + ", stored " + stored + ", raw " + raw + ", encoding " + enc + ")");
            }
            out.set(i, in.getLong(at), in.getLong(at + 8), in.getLong(at + 16), in.getLong(at + 24), offset, stored, raw,
                    BlockEncoding.ofCode(enc));
        }
        return out;
    }
}
