package io.lifeboat.cli.repo;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.restore.RestoreListener;
import io.lifeboat.restore.RestoreResult;
import java.io.PrintStream;

/**
 * The test hook behind the hidden {@code failover --test-pause-after-writing BYTES}: passes every
 * event on, and once that many bytes are written, says so on standard error
 * ({@code {"event":"paused","bytesWritten":N}}) and waits for ever, so an end-to-end test can
 * SIGKILL the failover at a known point in the middle of writing, not at a moment it guesses.
 */
final class PauseAfterWriting implements RestoreListener {
    private final RestoreListener next;
    private final long after;
    private final PrintStream err;

    PauseAfterWriting(RestoreListener next, long after, PrintStream err) {
        this.next = next;
        this.after = after;
        this.err = err;
    }

    @Override
    public void written(long bytesWritten) {
        next.written(bytesWritten);
        if (bytesWritten >= after) {
            err.println("{\"event\":\"paused\",\"bytesWritten\":" + bytesWritten + "}");
            err.flush();
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // only a kill ends the pause: that is what it is for
                }
            }
        }
    }

    @Override
    public void start(PointInfo point, long totalBytes) {
        next.start(point, totalBytes);
    }

    @Override
    public void entry(String path) {
        next.entry(path);
    }

    @Override
    public void progress(long bytesDone) {
        next.progress(bytesDone);
    }

    @Override
    public void checking(long bytesChecked) {
        next.checking(bytesChecked);
    }

    @Override
    public void warning(String message) {
        next.warning(message);
    }

    @Override
    public void done(RestoreResult result) {
        next.done(result);
    }
}
