package io.lifeboat.readiness.registry;

import java.util.List;

/**
 * A stable text rendering of a key tree: one line per key (full path), then one indented line per
 * value ({@code "name" = REG_DWORD 0x00000001 (1)}). Used for the fixtures' sidecar dumps, which a
 * test compares with what the parser reads, and for full walks of real hives.
 */
public final class RegistryDump {
    private RegistryDump() {
    }

    public static String dump(RegKey key, String path) {
        StringBuilder sb = new StringBuilder();
        walk(key, path, sb, 0);
        return sb.toString();
    }

    /** Counts keys and values under {@code key} (inclusive), reading every value's data. */
    public static long[] count(RegKey key) {
        long[] n = new long[2];
        countInto(key, n, 0);
        return n;
    }

    private static void countInto(RegKey key, long[] n, int depth) {
        n[0]++;
        n[1] += key.values().size();
        if (depth > 512) {
            return;
        }
        for (String child : key.subkeyNames()) {
            key.subkey(child).ifPresent(k -> countInto(k, n, depth + 1));
        }
    }

    private static void walk(RegKey key, String path, StringBuilder sb, int depth) {
        sb.append('[').append(path.replace("\0", "\\0")).append("]\n");
        List<RegValue> values = key.values();
        for (RegValue v : values) {
            sb.append("  \"").append(v.name().replace("\0", "\\0")).append("\" = ")
                    .append(v.display().replace("\0", "\\0")).append('\n');
        }
        if (depth > 512) {
            return;
        }
        for (String child : key.subkeyNames()) {
            key.subkey(child).ifPresent(k -> walk(k, path + "\\" + child, sb, depth + 1));
        }
    }
}
