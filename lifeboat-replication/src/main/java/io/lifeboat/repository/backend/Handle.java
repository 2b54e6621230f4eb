package io.lifeboat.repository.backend;

import java.util.regex.Pattern;

/**
 * Names one file of a backend: its type and its name inside the type's folder. Names are
 * {@code [A-Za-z0-9_-][A-Za-z0-9._-]*} segments; {@link FileType#POINTS} and {@link FileType#MACHINES}
 * names carry one leading folder, the machine ({@code "web-1/20261128T180000Z-ab12"}).
 * {@link FileType#CONFIG} has the single name {@code "config"}.
 */
public record Handle(FileType type, String name) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    public static final Handle CONFIG = new Handle(FileType.CONFIG, "config");

    public Handle {
        if (type == null || name == null) {
            throw new IllegalArgumentException("a handle needs a type and a name");
        }
        String[] parts = name.split("/", -1);
        if (type == FileType.CONFIG ? !name.equals("config") : parts.length != type.subfolders() + 1) {
            throw new IllegalArgumentException("bad " + type.folder() + " file name: " + name);
        }
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches()) {
                throw new IllegalArgumentException("bad " + type.folder() + " file name: " + name);
            }
        }
    }

    /** True when {@code s} may be one segment of a name (a machine name, a point id, a pack id). */
    public static boolean isSegment(String s) {
        return s != null && SEGMENT.matcher(s).matches();
    }

    @Override
    public String toString() {
        return type == FileType.CONFIG ? "config" : type.folder() + "/" + name;
    }
}
