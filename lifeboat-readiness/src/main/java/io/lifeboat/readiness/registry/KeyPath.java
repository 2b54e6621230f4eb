package io.lifeboat.readiness.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A full key path from a root key, e.g. {@code HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet}. Root
 * abbreviations (HKLM, HKCU, HKCR, HKU, HKCC) are expanded, so a {@code .reg} export, a hive mounted
 * under HKLM and a rule all name a key the same way. Components keep their case; comparison is
 * case-insensitive ({@link Names}).
 */
public record KeyPath(List<String> parts) {
    public static final String HKLM = "HKEY_LOCAL_MACHINE";

    private static final Map<String, String> ROOTS = Map.of(
            "HKLM", HKLM, "HKEY_LOCAL_MACHINE", HKLM,
            "HKCU", "HKEY_CURRENT_USER", "HKEY_CURRENT_USER", "HKEY_CURRENT_USER",
            "HKCR", "HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT",
            "HKU", "HKEY_USERS", "HKEY_USERS", "HKEY_USERS",
            "HKCC", "HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG");

    public KeyPath {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty key path");
        }
    }

    /**
     * Parses {@code ROOT\a\b}. One trailing backslash is tolerated; an empty component or an unknown
     * root is an {@link IllegalArgumentException} whose message the caller places in context.
     */
    public static KeyPath parse(String text) {
        String t = text.endsWith("\\") ? text.substring(0, text.length() - 1) : text;
        String[] raw = t.split("\\\\", -1);
        String root = ROOTS.get(raw[0].toUpperCase(Locale.ROOT));
        if (root == null) {
            throw new IllegalArgumentException("unknown root key \"" + raw[0] + "\" (expected HKEY_LOCAL_MACHINE, ...)");
        }
        List<String> parts = new ArrayList<>();
        parts.add(root);
        for (int i = 1; i < raw.length; i++) {
            if (raw[i].isEmpty()) {
                throw new IllegalArgumentException("empty key name in \"" + text + "\"");
            }
            parts.add(raw[i]);
        }
        return new KeyPath(parts);
    }

    /** {@code HKEY_LOCAL_MACHINE\} + relative. */
    public static KeyPath hklm(String relative) {
        return parse(HKLM + "\\" + relative);
    }

    public KeyPath child(String name) {
        List<String> p = new ArrayList<>(parts);
        p.add(name);
        return new KeyPath(p);
    }

    public KeyPath parent() {
        return new KeyPath(parts.subList(0, Math.max(1, parts.size() - 1)));
    }

    public String name() {
        return parts.get(parts.size() - 1);
    }

    public int depth() {
        return parts.size();
    }

    /** True when this is {@code other} or inside it (case-insensitive). */
    public boolean startsWith(KeyPath other) {
        if (other.parts.size() > parts.size()) {
            return false;
        }
        for (int i = 0; i < other.parts.size(); i++) {
            if (!Names.same(parts.get(i), other.parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    public boolean same(KeyPath other) {
        return other.parts.size() == parts.size() && startsWith(other);
    }

    @Override
    public String toString() {
        return String.join("\\", parts);
    }
}
