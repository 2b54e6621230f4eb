package io.lifeboat.cli.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Peer tools (openssl, ...) the integration tests drive: skipped cleanly when absent on a developer
 * machine, a failure when {@code CI=true} (CI installs them from {@code .ci/run}).
 */
public final class PeerTool {
    private PeerTool() {
    }

    /** The tool's path; skips the test (or fails under CI) when it is not on the PATH. */
    public static Path require(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(name + " is not installed, but CI=true: add it to .ci/run");
        }
        Assumptions.abort(name + " is not installed; skipping");
        return null;
    }
}
