package io.lifeboat.scan.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/** Peer tools for integration tests: skip when absent locally, FAIL when CI=true (CI must have them). */
final class Tools {
    private Tools() {
    }

    static void require(String tool) {
        if (onPath(tool)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(tool + " is not installed; .ci/run installs it");
        }
        Assumptions.abort(tool + " is not installed");
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    static String path(String tool) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin")
                .split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return tool;
    }
}
