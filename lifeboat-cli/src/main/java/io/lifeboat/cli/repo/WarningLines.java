package io.lifeboat.cli.repo;

import io.lifeboat.restore.RestoreListener;
import java.io.PrintStream;

/** A failover's warnings, each a line {@code warning: ...}, and nothing else (a group's failover draws no bar). */
final class WarningLines implements RestoreListener {
    private final PrintStream err;

    WarningLines(PrintStream err) {
        this.err = err;
    }

    @Override
    public void warning(String message) {
        err.println("warning: " + message);
    }
}
