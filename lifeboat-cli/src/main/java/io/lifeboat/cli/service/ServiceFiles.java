package io.lifeboat.cli.service;

import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a unit and its config file; refuses to replace either without {@code force}. */
final class ServiceFiles {
    private ServiceFiles() {
    }

    static void write(Path unitFile, SystemdUnit unit, Path configFile, Map<String, String> config, boolean force) {
        for (Path p : new Path[] {unitFile, configFile}) {
            if (Files.exists(p) && !force) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, p + " exists; nothing was written (--force replaces it)");
            }
        }
        StringBuilder c = new StringBuilder("# Read by the unit ").append(unitFile.getFileName())
                .append(" (--config). One key per option, without the dashes.\n");
        config.forEach((k, v) -> c.append(k).append('=').append(escape(v)).append('\n'));
        try {
            Files.createDirectories(unitFile.toAbsolutePath().getParent());
            Files.createDirectories(configFile.toAbsolutePath().getParent());
            Files.writeString(configFile, c.toString(), StandardCharsets.UTF_8);
            Files.writeString(unitFile, unit.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot write the service files: " + e.getMessage(), e);
        }
    }

    /** Properties escaping for values (backslashes, and the characters Properties treats specially at the start). */
    static String escape(String v) {
        String s = v.replace("\\", "\\\\").replace("\n", "\\n");
        return s.startsWith(" ") ? "\\" + s : s;
    }
}
