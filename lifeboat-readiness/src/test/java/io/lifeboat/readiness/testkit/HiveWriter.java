package io.lifeboat.readiness.testkit;

import io.lifeboat.readiness.registry.Names;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small REGF writer for tests: writes a key tree as a hive Windows and hivex can read (one hbin,
 * lh subkey lists sorted by upper-case name, one shared sk cell, resident / cell / big-data values,
 * compressed names where Latin-1 suffices). It exists to build fixtures and to feed property and
 * fuzz tests; the product never writes hives.
 */
public final class HiveWriter {
    private static final int SEGMENT = 16344;
    private final Buf cells = new Buf();
    private int sk;

    private HiveWriter() {
    }

    /** The hive image of {@code root}'s tree (root's own name is stored as given). */
    public static byte[] write(RegKey root, String fileName) {
        HiveWriter w = new HiveWriter();
        w.cells.writeBytes(new byte[32]); // room for the hbin header, filled at the end
        w.sk = w.allocSk();
        int rootOffset = w.key(root, -1, true);
        w.patchSkRefs();
        return w.finish(rootOffset, fileName);
    }

    private int keys;

    private int offset() {
        return cells.size();
    }

    /** Appends a cell holding {@code data}; returns its hive offset. */
    private int cell(byte[] data) {
        int at = offset();
        int size = (data.length + 4 + 7) & ~7;
        cells.writeBytes(le32(-size));
        cells.writeBytes(data);
        cells.writeBytes(new byte[size - 4 - data.length]);
        return at;
    }

    private int allocSk() {
        ByteBuffer b = le(20 + 20);
        b.put((byte) 's').put((byte) 'k').putShort((short) 0);
        int at = offset();
        b.putInt(at).putInt(at).putInt(0); // flink, blink to itself; refcount patched later
        b.putInt(20); // descriptor length
        b.put((byte) 1).put((byte) 0).putShort((short) 0x8004).putInt(0).putInt(0).putInt(0).putInt(0);
        return cell(b.array());
    }

    private void patchSkRefs() {
        cells.patch(sk + 4 + 12, keys);
    }

    private int key(RegKey k, int parent, boolean root) {
        keys++;
        // children and values first, so their offsets are known; the nk is patched with its parent below
        List<String> names = new ArrayList<>(k.subkeyNames());
        names.sort(Comparator.comparing(Names::fold));
        List<RegValue> values = k.values();
        int[] valueOffsets = new int[values.size()];
        for (int i = 0; i < values.size(); i++) {
            valueOffsets[i] = value(values.get(i));
        }
        int valuesList = -1;
        if (values.size() > 0) {
            ByteBuffer vl = le(4 * values.size());
            for (int v : valueOffsets) {
                vl.putInt(v);
            }
            valuesList = cell(vl.array());
        }
        boolean compressed = latin1(k.name());
        byte[] name = compressed ? k.name().getBytes(StandardCharsets.ISO_8859_1) : k.name().getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer nk = le(76 + name.length);
        nk.put((byte) 'n').put((byte) 'k').putShort((short) ((compressed ? 0x20 : 0) | (root ? 0x2c : 0)));
        nk.putLong(0).putInt(0).putInt(parent).putInt(names.size()).putInt(0).putInt(-1).putInt(-1);
        nk.putInt(values.size()).putInt(valuesList).putInt(sk).putInt(-1);
        nk.putInt(0).putInt(0).putInt(0).putInt(0).putInt(0);
        nk.putShort((short) name.length).putShort((short) 0).put(name);
        int self = cell(nk.array());
        if (!names.isEmpty()) {
            int[] children = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                children[i] = key(k.subkey(names.get(i)).orElseThrow(), self, false);
            }
            ByteBuffer lh = le(4 + 8 * names.size());
            lh.put((byte) 'l').put((byte) 'h').putShort((short) names.size());
            for (int i = 0; i < names.size(); i++) {
                lh.putInt(children[i]).putInt(hash(names.get(i)));
            }
            int list = cell(lh.array());
            cells.patch(self + 4 + 28, list);
        }
        return self;
    }

    private int value(RegValue v) {
        boolean compressed = latin1(v.name());
        byte[] name = compressed ? v.name().getBytes(StandardCharsets.ISO_8859_1) : v.name().getBytes(StandardCharsets.UTF_16LE);
        byte[] data = v.data();
        int sizeField;
        int dataField;
        if (data.length <= 4) {
            sizeField = data.length | 0x80000000;
            byte[] four = new byte[4];
            System.arraycopy(data, 0, four, 0, data.length);
            dataField = ByteBuffer.wrap(four).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else if (data.length <= SEGMENT) {
            sizeField = data.length;
            dataField = cell(data);
        } else {
            sizeField = data.length;
            int segments = (data.length + SEGMENT - 1) / SEGMENT;
            ByteBuffer list = le(4 * segments);
            for (int i = 0; i < segments; i++) {
                int from = i * SEGMENT;
                byte[] seg = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + SEGMENT));
                list.putInt(cell(seg));
            }
            int listCell = cell(list.array());
            ByteBuffer db = le(8);
            db.put((byte) 'd').put((byte) 'b').putShort((short) segments).putInt(listCell);
            dataField = cell(db.array());
        }
        ByteBuffer vk = le(20 + name.length);
        vk.put((byte) 'v').put((byte) 'k').putShort((short) name.length).putInt(sizeField).putInt(dataField)
                .putInt(v.type()).putShort((short) (compressed ? 1 : 0)).putShort((short) 0).put(name);
        return cell(vk.array());
    }

    private byte[] finish(int rootOffset, String fileName) {
        int used = cells.size();
        int binSize = (used + 4095) / 4096 * 4096;
        int free = binSize - used;
        if (free > 0) {
            cells.writeBytes(le32(free)); // one free cell fills the bin
            cells.writeBytes(new byte[free - 4]);
        }
        byte[] bins = cells.toByteArray();
        ByteBuffer hb = ByteBuffer.wrap(bins).order(ByteOrder.LITTLE_ENDIAN);
        hb.put((byte) 'h').put((byte) 'b').put((byte) 'i').put((byte) 'n').putInt(0).putInt(binSize);
        ByteBuffer base = le(4096);
        base.put("regf".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(1).putLong(0).putInt(1).putInt(5)
                .putInt(0).putInt(1).putInt(rootOffset).putInt(binSize).putInt(1);
        byte[] fn = fileName.getBytes(StandardCharsets.UTF_16LE);
        base.put(fn, 0, Math.min(fn.length, 64));
        byte[] header = base.array();
        int x = 0;
        ByteBuffer hr = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 508; i += 4) {
            x ^= hr.getInt(i);
        }
        hr.putInt(508, x == 0 ? 1 : x == -1 ? -2 : x);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(bins);
        return out.toByteArray();
    }

    /** A growable byte array with in-place patching. */
    private static final class Buf {
        private byte[] a = new byte[8192];
        private int n;

        void writeBytes(byte[] b) {
            if (n + b.length > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + b.length));
            }
            System.arraycopy(b, 0, a, n, b.length);
            n += b.length;
        }

        void patch(int at, int v) {
            ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        }

        int size() {
            return n;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    static int hash(String name) {
        int h = 0;
        for (char c : Names.fold(name).toCharArray()) {
            h = 37 * h + c;
        }
        return h;
    }

    private static boolean latin1(String s) {
        return s.chars().allMatch(c -> c < 0x100);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] le32(int v) {
        return le(4).putInt(v).array();
    }
}
