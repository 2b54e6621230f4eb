package io.lifeboat.repository;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The pack file format: {@code "LBPACK01"}, then one record per block:
 * {@code id (32 bytes) | encoding (1) | raw length (4, big-endian) | stored length (4) | body}.
 * A pack is named by the SHA-256 of its bytes. The index says where each record starts; the records
 * also make a pack self-describing, so a lost index can be rebuilt from the pack alone.
 */
final class Pack {
    static final byte[] MAGIC = {'L', 'B', 'P', 'A', 'C', 'K', '0', '1'};
    static final int HEADER = 32 + 1 + 4 + 4;

    /** Where one block lies in a pack. {@code offset} is the start of its record header. */
    record Location(String pack, long offset, int stored, int raw, BlockEncoding encoding) {
        String file() {
            return "data/" + pack;
        }
    }

    /**
     * A block ready to be packed: its id, its body as it will be stored
     * ({@code data[offset .. offset + length)}, often a view into an upload's request body), and its
     * uncompressed length. In a pack received in place ({@link #assembled}) {@code data} is null:
     * the body lies at {@code offset} of the pack's own buffer, outside the heap.
     */
    record Item(BlockId id, byte[] data, int offset, int length, BlockEncoding encoding, int raw) {
        /** An item whose body is the whole of {@code body}. */
        Item(BlockId id, byte[] body, BlockEncoding encoding, int raw) {
            this(id, body, 0, body.length, encoding, raw);
        }
    }

    /**
     * A pack built in memory: its bytes (from {@code bytes}' position to its limit: an array for a pack
     * built here, the aligned buffer outside the heap a {@link ReceivingPack} was laid out in), its
     * name and the locations of its blocks.
     */
    record Built(String name, ByteBuffer bytes, List<Item> items, List<Location> locations) {
        /** The pack's length in bytes. */
        int length() {
            return bytes.remaining();
        }

        /** The bytes of a pack built in an array of its own ({@link #build}): the whole array. */
        byte[] array() {
            boolean whole = bytes.hasArray() && bytes.arrayOffset() == 0 && bytes.position() == 0
                    && bytes.remaining() == bytes.array().length;
            if (!whole) {
                throw new IllegalStateException("pack " + name + " was not built in an array of its own");
            }
            return bytes.array();
        }
    }

    private Pack() {
    }

    static Built build(List<Item> items) {
        long size = MAGIC.length;
        for (Item it : items) {
            size += HEADER + it.length();
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a pack of " + size + " bytes is too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size); // one copy of each body, straight into place
        out.put(MAGIC);
        String name = name(items, null);
        List<Location> locs = new ArrayList<>(items.size());
        for (Item it : items) {
            locs.add(new Location(name, out.position(), it.length(), it.raw(), it.encoding()));
            out.put(it.id().toBytes()).put((byte) it.encoding().code()).putInt(it.raw()).putInt(it.length());
            out.put(it.data(), it.offset(), it.length());
        }
        return new Built(name, ByteBuffer.wrap(out.array()), List.copyOf(items), locs);
    }

    /**
     * A pack whose bytes were written in place (from {@code bytes}' position 0 to its limit: the magic,
     * then each item's record header followed by its body, in order, as {@link ReceivingPack} lays
     * them out): names it and lists where its blocks lie, without copying a byte.
     */
    static Built assembled(ByteBuffer bytes, List<Item> items, String salt) {
        String name = name(items, salt);
        List<Location> locs = new ArrayList<>(items.size());
        for (Item it : items) {
            locs.add(new Location(name, it.offset() - HEADER, it.length(), it.raw(), it.encoding()));
        }
        return new Built(name, bytes, List.copyOf(items), locs);
    }

    /** Writes a record header (id, encoding, raw and stored length) at {@code at}, leaving {@code out}'s position. */
    static void header(ByteBuffer out, int at, BlockId id, BlockEncoding encoding, int raw, int stored) {
        ByteBuffer h = out.duplicate().position(at);
        id.write(h);
        h.put((byte) encoding.code()).putInt(raw).putInt(stored);
    }

    /** The same pack under another name (when its usual name is taken by different bytes). */
    static Built rename(Built b, String salt) {
        String name = name(b.items(), salt);
        List<Location> locs = new ArrayList<>();
        for (Location l : b.locations()) {
            locs.add(new Location(name, l.offset(), l.stored(), l.raw(), l.encoding()));
        }
        return new Built(name, b.bytes(), b.items(), locs);
    }

    /**
     * A pack's name: the SHA-256 of its record headers (ids, encodings, lengths) and an optional salt.
     * Cheap (the bodies are not hashed again: each was hashed as its block id) and the same for the
     * same blocks, so writing a pack twice gives one file.
     */
    private static String name(List<Item> items, String salt) {
        java.security.MessageDigest sha = BlockId.sha256();
        sha.update(MAGIC);
        for (Item it : items) {
            sha.update(it.id().toBytes());
            sha.update(ByteBuffer.allocate(9).put((byte) it.encoding().code()).putInt(it.raw()).putInt(it.length()).array());
        }
        if (salt != null) {
            sha.update(salt.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return BlockId.fromBytes(sha.digest()).hex();
    }

    /**
     * Checks the record header at {@code loc} in {@code record} (header + body) and returns the body.
     *
     * @throws IntegrityException when the header does not describe this block
     */
    static byte[] body(BlockId id, Location loc, byte[] record) {
        int at = bodyAt(id, loc, record, 0);
        return java.util.Arrays.copyOfRange(record, at, at + loc.stored());
    }

    /**
     * Checks the record header of {@code loc} found at {@code buf[at]} (in a range read of its pack,
     * say) and returns where its body starts in {@code buf}; the body's {@code loc.stored()} bytes
     * follow, within {@code buf} (the caller read them).
     *
     * @throws IntegrityException when the header does not describe this block
     */
    static int bodyAt(BlockId id, Location loc, byte[] buf, int at) {
        ByteBuffer h = ByteBuffer.wrap(buf, at, HEADER);
        BlockId stored = BlockId.fromBytes(buf, at);
        h.position(at + 32);
        int enc = h.get() & 0xff;
        int raw = h.getInt();
        int len = h.getInt();
        if (!stored.equals(id) || enc != loc.encoding().code() || raw != loc.raw() || len != loc.stored()) {
            throw new IntegrityException(id, loc.file(), BlockCodec.where(id, loc.file())
                    + ": the record header at offset " + loc.offset() + " does not describe this block (damaged)");
        }
        return at + HEADER;
    }

    /**
     * {@link #bodyAt(BlockId, Location, byte[], int)} of a record lying at {@code buf}'s index
     * {@code at} (a range lent by {@link io.lifeboat.repository.backend.Backend#readOnce(
     * io.lifeboat.repository.backend.Handle, long, int, io.lifeboat.repository.backend.Backend.RangeUse)},
     * perhaps outside the heap), read with absolute gets: {@code buf}'s position is left as it was.
     *
     * @throws IntegrityException when the header does not describe this block
     */
    static int bodyAt(BlockId id, Location loc, ByteBuffer buf, int at) {
        byte[] header = new byte[HEADER];
        buf.get(at, header); // 41 bytes: checked from a copy, whatever kind of buffer the range is in
        bodyAt(id, loc, header, 0);
        return at + HEADER;
    }

    /** The blocks of a whole pack read back, for rebuilding a lost index; stops at the first bad record. */
    static List<Location> scan(String name, byte[] bytes, List<BlockId> ids) {
        List<Location> out = new ArrayList<>();
        if (bytes.length < MAGIC.length || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.position(MAGIC.length);
        while (b.remaining() >= HEADER) {
            long offset = b.position();
            byte[] id = new byte[32];
            b.get(id);
            int enc = b.get() & 0xff;
            int raw = b.getInt();
            int len = b.getInt();
            if (enc > 1 || len < 0 || raw < 0 || len > b.remaining()) {
                break;
            }
            b.position(b.position() + len);
            ids.add(BlockId.fromBytes(id));
            out.add(new Location(name, offset, len, raw, BlockEncoding.ofCode(enc)));
        }
        return out;
    }
}
