package io.lifeboat.repository;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Where every stored block lies: a {@link BlockTable} from block id to (pack, offset, lengths,
 * encoding), outside the heap, and the names of the packs in the heap (numbered, so a table slot holds
 * a four-byte ordinal instead of a name: a terabyte is some 65,000 packs of 16 MiB). Which blocks a pack
 * holds is not kept: its {@code index/} file says, and retention reads it for the few packs it repacks.
 *
 * <p>Derived data, rebuilt from {@code index/} files at every open; see {@link BlockTable} for its
 * crash behaviour and concurrency.
 */
final class BlockIndex implements AutoCloseable {
    private final BlockTable table;
    /** Pack ordinal → name; ordinals are never reused while the repository is open. */
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ordinals = new ConcurrentHashMap<>();
    /** The packs that hold at least one indexed block (or did, until retention looked). */
    private final Set<String> packs = ConcurrentHashMap.newKeySet();

    BlockIndex(Path dir) {
        this.table = BlockTable.create(dir, "index");
    }

    Pack.Location get(BlockId id) {
        BlockTable.Value v = table.get(id);
        return v == null ? null : location(v);
    }

    boolean contains(BlockId id) {
        return table.contains(id);
    }

    long size() {
        return table.size();
    }

    long fileBytes() {
        return table.fileBytes();
    }

    /** Records where a pack's blocks lie; unless {@code replace}, a block already indexed keeps its location. */
    void register(String pack, List<BlockId> ids, List<Pack.Location> locs, boolean replace) {
        int ord = ordinal(pack);
        packs.add(pack);
        for (int i = 0; i < ids.size(); i++) {
            Pack.Location l = locs.get(i);
            BlockTable.Value v = new BlockTable.Value(((long) l.encoding().code() << 32) | ord, l.offset(),
                    ((long) l.stored() << 32) | (l.raw() & 0xffffffffL));
            table.merge(ids.get(i), v, (old, given) -> replace ? given : old);
        }
    }

    /**
     * Records where the blocks of one pack's index lie, all at once (an open's path: no object per
     * block); unless {@code replace}, a block already indexed keeps its location.
     */
    void register(PackIndex idx, boolean replace) {
        int ord = ordinal(idx.pack());
        packs.add(idx.pack());
        int n = idx.count();
        long[] values = new long[3 * n];
        for (int i = 0; i < n; i++) {
            values[3 * i] = ((long) idx.encodingCode(i) << 32) | ord;
            values[3 * i + 1] = idx.offset(i);
            values[3 * i + 2] = ((long) idx.stored(i) << 32) | (idx.raw(i) & 0xffffffffL);
        }
        table.insertAll(idx.words(), values, n, replace);
    }

    /** Makes room for {@code entries} more blocks at once (an open that knows about how many it will read). */
    void reserve(long entries) {
        table.reserve(entries);
    }

    /** The packs known to hold blocks, as a copy. */
    Set<String> packs() {
        return new HashSet<>(packs);
    }

    boolean holdsPack(String pack) {
        return packs.contains(pack);
    }

    /** Every indexed block and where it lies, holding the table's shared lock (see {@link BlockTable#forEach}). */
    void forEach(BiConsumer<BlockId, Pack.Location> action) {
        table.forEach((id, v) -> action.accept(id, location(v)));
    }

    /** Forgets the packs and every block located in one of them, in one pass over the table. */
    void drop(Set<String> gone) {
        if (gone.isEmpty()) {
            return;
        }
        Set<Integer> ords = new HashSet<>();
        for (String p : gone) {
            packs.remove(p);
            Integer o = ordinals.get(p);
            if (o != null) {
                ords.add(o);
            }
        }
        table.removeIf((id, v) -> ords.contains((int) v.v0()));
    }

    /**
     * Forgets one pack: the entries of {@code ids} still located in it (its {@code index/} file's list),
     * without a pass over the whole table.
     */
    void drop(String pack, Collection<BlockId> ids) {
        packs.remove(pack);
        Integer o = ordinals.get(pack);
        if (o == null) {
            return;
        }
        int ord = o;
        for (BlockId id : ids) {
            table.merge(id, null, (old, given) -> (int) old.v0() == ord ? null : old);
        }
    }

    void clear() {
        table.clear();
        packs.clear();
    }

    @Override
    public void close() {
        table.close();
    }

    private synchronized int ordinal(String pack) {
        Integer o = ordinals.get(pack);
        if (o == null) {
            o = names.size();
            names.add(pack);
            ordinals.put(pack, o);
        }
        return o;
    }

    private synchronized String name(int ordinal) {
        return names.get(ordinal);
    }

    private Pack.Location location(BlockTable.Value v) {
        return new Pack.Location(name((int) v.v0()), v.v1(), (int) (v.v2() >>> 32), (int) v.v2(),
                BlockEncoding.ofCode((int) (v.v0() >>> 32)));
    }
}
