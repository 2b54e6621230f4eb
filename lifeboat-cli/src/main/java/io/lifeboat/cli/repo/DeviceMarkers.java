package io.lifeboat.cli.repo;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder that keeps the incomplete marker of a block device written in place ({@code failover
 * --marker-dir}): a marker beside the device would live in {@code /dev}, which a reboot empties.
 * Root's is {@code /var/lib/lifeboat/incomplete}; another user's {@code $XDG_STATE_HOME/lifeboat/incomplete}
 * ({@code ~/.local/state/...} when unset).
 */
public final class DeviceMarkers {
    private DeviceMarkers() {
    }

    /** @param given the --marker-dir value, or null for the default */
    public static Path folder(Path given) {
        return given != null ? given : defaultFolder(System.getProperty("user.name"), System.getProperty("user.home"),
                System.getenv());
    }

    static Path defaultFolder(String user, String home, Map<String, String> env) {
        if ("root".equals(user)) {
            return Path.of("/var/lib/lifeboat/incomplete");
        }
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(home, ".local", "state");
        return base.resolve("lifeboat").resolve("incomplete");
    }
}
