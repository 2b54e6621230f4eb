package io.lifeboat.scan;

import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.report.TargetReport;

/** Progress of a scan, for a progress bar. Called from scanning threads; implementations must be thread-safe. */
public interface ScanListener {
    ScanListener NONE = new ScanListener() { };

    default void targetStarted(Target target) {
    }

    default void targetFinished(TargetReport report) {
    }
}
