package io.lifeboat.readiness.hive;

import io.lifeboat.readiness.registry.RegValue;

/** Decodes a value cell ("vk") and its data: resident (in the offset field), one cell, or big data ("db"). */
final class HiveValue {
    private static final int COMP_NAME = 0x1;
    private static final int SEGMENT = 16344;

    private HiveValue() {
    }

    static RegValue read(Hive hive, long rel) {
        HiveBytes b = hive.bytes();
        Hive.Cell c = hive.cell(rel, "value");
        long vk = c.data();
        if (c.length() < 20 || !b.ascii(vk, "vk")) {
            throw b.error(vk, "expected a value (\"vk\") but found \"" + b.sig(vk, 2) + "\"");
        }
        int nameLength = b.u16(vk + 2);
        if (20 + nameLength > c.length()) {
            throw b.error(vk + 2, "value name length " + nameLength + " exceeds its cell");
        }
        long rawSize = b.u32(vk + 4);
        long dataRel = b.u32(vk + 8);
        int type = b.i32(vk + 12);
        int flags = b.u16(vk + 16);
        String name = HiveKey.decode(b, vk + 20, nameLength, (flags & COMP_NAME) != 0);
        return new RegValue(name, type, data(hive, b, vk, rawSize, dataRel, name));
    }

    private static byte[] data(Hive hive, HiveBytes b, long vk, long rawSize, long dataRel, String name) {
        if ((rawSize & 0x80000000L) != 0) {
            long size = rawSize & 0x7fffffffL;
            return b.slice(vk + 8, Math.min(size, 4), "resident value data");
        }
        if (rawSize == 0) {
            return new byte[0];
        }
        Hive.Cell cell = hive.cell(dataRel, "data of value \"" + name + "\"");
        if (rawSize > SEGMENT && hive.minorVersion() > 3 && b.ascii(cell.data(), "db")) {
            return bigData(hive, b, cell, rawSize, name);
        }
        if (rawSize > cell.length()) {
            throw b.error(vk + 4, "value \"" + name + "\" claims " + rawSize + " bytes of data but its cell holds "
                    + cell.length());
        }
        return b.slice(cell.data(), rawSize, "value data");
    }

    private static byte[] bigData(Hive hive, HiveBytes b, Hive.Cell db, long size, String name) {
        int segments = b.u16(db.data() + 2);
        if (size > b.length()) {
            throw b.error(db.data(), "big data of \"" + name + "\" claims " + size + " bytes, more than the whole file");
        }
        if ((long) segments * SEGMENT < size) {
            throw b.error(db.data() + 2, "big data of \"" + name + "\": " + segments + " segments cannot hold "
                    + size + " bytes");
        }
        Hive.Cell list = hive.cell(b.u32(db.data() + 4), "segment list of \"" + name + "\"");
        if (segments * 4L > list.length()) {
            throw b.error(list.data(), "segment list of " + segments + " entries does not fit its cell");
        }
        byte[] out = new byte[(int) size];
        int filled = 0;
        for (int i = 0; i < segments && filled < size; i++) {
            Hive.Cell seg = hive.cell(b.u32(list.data() + 4L * i), "data segment of \"" + name + "\"");
            int n = (int) Math.min(Math.min(SEGMENT, seg.length()), size - filled);
            System.arraycopy(b.slice(seg.data(), n, "data segment"), 0, out, filled, n);
            filled += n;
        }
        if (filled < size) {
            throw b.error(db.data(), "big data of \"" + name + "\" holds " + filled + " of " + size + " bytes");
        }
        return out;
    }
}
