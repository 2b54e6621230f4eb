package io.lifeboat.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pack's {@code index/} file decoded: where each of its blocks lies, in the file's order, held in
 * a few arrays rather than an object per block. An open reads one of these per pack and hands it to
 * {@link BlockIndex#register(PackIndex, boolean)} whole, so loading a vault allocates per pack, not
 * per block. {@link PackIndexCodec} makes them from either form of the file (binary or JSON).
 */
final class PackIndex {
    private final String pack;
    private final int count;
    /** The ids' four big-endian words, four per block. */
    private final long[] words;
    private final long[] offsets;
    private final int[] stored;
    private final int[] raw;
    private final byte[] encodings;

    PackIndex(String pack, int count) {
        this.pack = pack;
        this.count = count;
        this.words = new long[4 * count];
        this.offsets = new long[count];
        this.stored = new int[count];
        this.raw = new int[count];
        this.encodings = new byte[count];
    }

    /** Sets block {@code i}: its id's words and where it lies. */
    void set(int i, long w0, long w1, long w2, long w3, long offset, int storedLength, int rawLength, BlockEncoding encoding) {
        words[4 * i] = w0;
        words[4 * i + 1] = w1;
        words[4 * i + 2] = w2;
        words[4 * i + 3] = w3;
        offsets[i] = offset;
        stored[i] = storedLength;
        raw[i] = rawLength;
        encodings[i] = (byte) encoding.code();
    }

    void set(int i, BlockId id, Pack.Location l) {
        set(i, id.word(0), id.word(1), id.word(2), id.word(3), l.offset(), l.stored(), l.raw(), l.encoding());
    }

    String pack() {
        return pack;
    }

    int count() {
        return count;
    }

    /** The ids' words, four per block ({@code 4i..4i+3}: block {@code i}'s): the array itself, not a copy. */
    long[] words() {
        return words;
    }

    long offset(int i) {
        return offsets[i];
    }

    int stored(int i) {
        return stored[i];
    }

    int raw(int i) {
        return raw[i];
    }

    int encodingCode(int i) {
        return encodings[i];
    }

    BlockId id(int i) {
        return BlockId.ofWords(words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]);
    }

    Pack.Location location(int i) {
        return new Pack.Location(pack, offsets[i], stored[i], raw[i], BlockEncoding.ofCode(encodings[i]));
    }

    List<BlockId> ids() {
        List<BlockId> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(id(i));
        }
        return out;
    }

    List<Pack.Location> locations() {
        List<Pack.Location> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(location(i));
        }
        return out;
    }

    /** Id → location, in the file's order; a block listed twice keeps its first location. */
    Map<BlockId, Pack.Location> toMap() {
        Map<BlockId, Pack.Location> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            out.putIfAbsent(id(i), location(i));
        }
        return out;
    }
}
