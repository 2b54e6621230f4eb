package io.lifeboat.cli.repo;

import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.restore.RestoreListener;

/**
 * Renders failover progress on stderr with the shared {@link ProgressBar}; the bar appears when the
 * restore starts, so a failover refused up front prints nothing but its error. A warning is a line of
 * its own, {@code warning: ...}, above the bar.
 */
final class BarProgress implements RestoreListener, AutoCloseable {
    private final String label;
    private ProgressBar bar;

    BarProgress(String label) {
        this.label = label;
    }

    @Override
    public void start(PointInfo point, long totalBytes) {
        bar = new ProgressBar(System.err, ProgressBar.stderrIsTerminal(), label, totalBytes, ProgressBar.Unit.BYTES);
    }

    @Override
    public void progress(long bytesDone) {
        if (bar != null) {
            bar.update(bytesDone);
        }
    }

    @Override
    public void warning(String message) {
        if (bar != null) {
            bar.lineAbove("warning: " + message);
        } else {
            System.err.println("warning: " + message);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
