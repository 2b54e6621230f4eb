package io.lifeboat.readiness.registry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One registry value: its name ("" for the default value), its raw type id and its data bytes
 * exactly as stored. Typed readers interpret the bytes the way Windows APIs would.
 */
public record RegValue(String name, int type, byte[] data) {

    public RegValue {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public static RegValue dword(String name, int value) {
        return new RegValue(name, ValueType.REG_DWORD.id(),
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    public static RegValue qword(String name, long value) {
        return new RegValue(name, ValueType.REG_QWORD.id(),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    public static RegValue string(String name, String value) {
        return new RegValue(name, ValueType.REG_SZ.id(), utf16z(value));
    }

    public static RegValue multiString(String name, List<String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach(v -> sb.append(v).append('\0'));
        sb.append('\0');
        return new RegValue(name, ValueType.REG_MULTI_SZ.id(), sb.toString().getBytes(StandardCharsets.UTF_16LE));
    }

    static byte[] utf16z(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_16LE);
    }

    public String typeName() {
        return ValueType.describe(type);
    }

    /** The DWORD, when this is a REG_DWORD (or big-endian DWORD) of at least four bytes. */
    public Optional<Integer> asDword() {
        if (type == ValueType.REG_DWORD.id() && data.length >= 4) {
            return Optional.of(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
        if (type == ValueType.REG_DWORD_BIG_ENDIAN.id() && data.length >= 4) {
            return Optional.of(ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).getInt());
        }
        return Optional.empty();
    }

    /** The string of a REG_SZ / REG_EXPAND_SZ, cut at the first NUL as Windows APIs do. */
    public Optional<String> asString() {
        if (type != ValueType.REG_SZ.id() && type != ValueType.REG_EXPAND_SZ.id()) {
            return Optional.empty();
        }
        String s = new String(data, 0, data.length & ~1, StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return Optional.of(nul >= 0 ? s.substring(0, nul) : s);
    }

    /** The strings of a REG_MULTI_SZ (empty strings dropped), or of a REG_SZ as one element. */
    public Optional<List<String>> asStrings() {
        if (type == ValueType.REG_MULTI_SZ.id()) {
            String s = new String(data, 0, data.length & ~1, StandardCharsets.UTF_16LE);
            List<String> out = new ArrayList<>();
            for (String part : s.split("\0")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return Optional.of(out);
        }
        return asString().map(List::of);
    }

    /** A short human rendering for evidence: "dword:0x00000001 (1)", "sz:\"...\"", "hex(3):01,02". */
    public String display() {
        Optional<Integer> d = asDword();
        if (d.isPresent()) {
            return String.format("REG_DWORD 0x%08x (%d)", d.get(), Integer.toUnsignedLong(d.get()));
        }
        if (type == ValueType.REG_MULTI_SZ.id()) {
            return "REG_MULTI_SZ " + asStrings().orElse(List.of());
        }
        Optional<String> s = asString();
        if (s.isPresent()) {
            return typeName() + " \"" + s.get() + "\"";
        }
        StringBuilder sb = new StringBuilder(typeName()).append(' ');
        for (int i = 0; i < Math.min(data.length, 32); i++) {
            sb.append(i == 0 ? "" : ",").append(String.format("%02x", data[i]));
        }
        if (data.length > 32) {
            sb.append(",... (").append(data.length).append(" bytes)");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegValue v && v.name.equals(name) && v.type == type && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type * 7 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "\"" + name + "\"=" + display();
    }
}
