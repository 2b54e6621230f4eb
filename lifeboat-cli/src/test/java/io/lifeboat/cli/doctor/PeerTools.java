package io.lifeboat.cli.doctor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/** Peer tools from Debian: a test skips when one is missing locally, and fails when CI=true. */
final class PeerTools {
    private PeerTools() {
    }

    static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(tool + " is required in CI (add its package to .ci/run)");
        }
        Assumptions.abort(tool + " is not installed; skipping");
        return null;
    }
}
