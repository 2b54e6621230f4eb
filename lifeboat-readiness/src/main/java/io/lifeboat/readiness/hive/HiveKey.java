package io.lifeboat.readiness.hive;

import io.lifeboat.readiness.registry.Names;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A key node ("nk") of a {@link Hive}: name, subkey lists (lf/lh/li, one level of ri) and the values
 * list. Every count is checked against the size of the cell that holds it before anything is
 * allocated, so a hostile count cannot make the reader allocate more than the file's size.
 */
final class HiveKey implements RegKey {
    private static final int COMP_NAME = 0x20;

    private final Hive hive;
    private final HiveBytes b;
    private final long rel;
    private final int depth;
    private final long nk;
    private final String name;

    HiveKey(Hive hive, long rel, int depth) {
        this.hive = hive;
        this.b = hive.bytes();
        this.rel = rel;
        this.depth = depth;
        if (depth > Hive.MAX_DEPTH) {
            throw b.error(Hive.BINS_START + rel, "keys nested more than " + Hive.MAX_DEPTH + " deep: a loop in the key tree");
        }
        Hive.Cell c = hive.cell(rel, "key node");
        this.nk = c.data();
        if (c.length() < 76 || !b.ascii(nk, "nk")) {
            throw b.error(nk, "expected a key node (\"nk\") but found \"" + b.sig(nk, 2) + "\"");
        }
        int flags = b.u16(nk + 2);
        int nameLength = b.u16(nk + 72);
        if (76 + nameLength > c.length()) {
            throw b.error(nk + 72, "key name length " + nameLength + " exceeds its cell");
        }
        this.name = decode(b, nk + 76, nameLength, (flags & COMP_NAME) != 0);
    }

    static String decode(HiveBytes b, long at, int length, boolean ascii) {
        byte[] raw = b.slice(at, length, "name");
        return ascii ? new String(raw, StandardCharsets.ISO_8859_1)
                : new String(raw, 0, raw.length & ~1, StandardCharsets.UTF_16LE);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Cell offsets of the subkeys, in stored order. A list may not name the same key twice, and there
     * cannot be more entries than the file has room for key nodes: hostile lists (an ri repeating one
     * big lf) would otherwise grow without bound.
     */
    private List<Long> subkeyOffsets() {
        long count = b.u32(nk + 20);
        List<Long> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        collect(b.u32(nk + 28), out, 0, Math.min(count, b.length() / 80));
        if (new java.util.HashSet<>(out).size() != out.size()) {
            throw b.error(nk + 28, "the subkey list of \"" + name + "\" names the same key twice");
        }
        return out;
    }

    /** A child: a key node whose parent field names this key (so the tree has no loops or shared nodes). */
    private HiveKey child(long off) {
        HiveKey k = new HiveKey(hive, off, depth + 1);
        long parent = b.u32(k.nk + 16);
        if (parent != rel) {
            throw b.error(k.nk + 16, "key \"" + k.name + "\" is listed under \"" + name + "\" but names another parent");
        }
        return k;
    }

    private void collect(long listRel, List<Long> out, int level, long expected) {
        Hive.Cell c = hive.cell(listRel, "subkey list of \"" + name + "\"");
        long at = c.data();
        String sig = b.sig(at, 2);
        int n = b.u16(at + 2);
        int entry = sig.equals("lf") || sig.equals("lh") ? 8 : 4;
        if (4 + (long) n * entry > c.length()) {
            throw b.error(at + 2, "subkey list of " + n + " entries does not fit its cell of " + c.length() + " bytes");
        }
        switch (sig) {
            case "lf", "lh", "li" -> {
                for (int i = 0; i < n && out.size() < expected; i++) {
                    out.add(b.u32(at + 4 + (long) i * entry));
                }
            }
            case "ri" -> {
                if (level > 0) {
                    throw b.error(at, "index root (\"ri\") inside an index root");
                }
                for (int i = 0; i < n; i++) {
                    collect(b.u32(at + 4 + 4L * i), out, 1, expected);
                }
            }
            default -> throw b.error(at, "expected a subkey list (lf, lh, li or ri) but found \"" + sig + "\"");
        }
    }

    @Override
    public List<String> subkeyNames() {
        List<String> names = new ArrayList<>();
        for (long off : subkeyOffsets()) {
            names.add(child(off).name());
        }
        return names;
    }

    /** Children as keys (for walks). */
    List<HiveKey> subkeys() {
        List<HiveKey> keys = new ArrayList<>();
        for (long off : subkeyOffsets()) {
            keys.add(child(off));
        }
        return keys;
    }

    @Override
    public Optional<RegKey> subkey(String wanted) {
        for (long off : subkeyOffsets()) {
            HiveKey k = child(off);
            if (Names.same(k.name, wanted)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<RegValue> values() {
        long count = b.u32(nk + 36);
        List<RegValue> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        Hive.Cell list = hive.cell(b.u32(nk + 40), "values list of \"" + name + "\"");
        if (count * 4 > list.length()) {
            throw b.error(nk + 36, "key \"" + name + "\" claims " + count + " values but its list cell holds "
                    + list.length() / 4);
        }
        for (int i = 0; i < count; i++) {
            out.add(HiveValue.read(hive, b.u32(list.data() + 4L * i)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "HiveKey[" + name + " @0x" + Long.toHexString(rel) + "]";
    }
}
