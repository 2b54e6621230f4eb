package io.lifeboat.readiness.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;

/** Peer tools in tests: skip cleanly when absent locally, fail when CI=true. */
public final class Tools {
    private Tools() {
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    public static void require(String tool) {
        if (!onPath(tool)) {
            skipOrFail(tool + " is not installed");
        }
    }

    public static void skipOrFail(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (required when CI=true)");
        }
        assumeTrue(false, why);
    }
}
