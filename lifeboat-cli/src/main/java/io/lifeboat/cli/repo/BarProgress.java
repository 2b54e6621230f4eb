package io.lifeboat.cli.repo;

import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.restore.RestoreListener;

/** Renders failover progress with the shared {@link ProgressBar}. */
final class BarProgress implements RestoreListener {
    private final ProgressBar bar;

    BarProgress(ProgressBar bar) {
        this.bar = bar;
    }

    @Override
    public void start(PointInfo point, long totalBytes) {
        bar.total(totalBytes);
    }

    @Override
    public void progress(long bytesDone) {
        bar.update(bytesDone);
    }
}
