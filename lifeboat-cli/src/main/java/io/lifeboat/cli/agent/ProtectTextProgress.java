package io.lifeboat.cli.agent;

import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectResult;
import io.lifeboat.cli.render.ProgressBar;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code agent protect} without {@code --json}: a {@link ProgressBar} of bytes read per pass on
 * standard error (redrawn on a terminal, a line every 10% otherwise), retries as lines on standard
 * error, and one summary line per point on standard output.
 */
final class ProtectTextProgress implements ProtectListener {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private ProgressBar bar;

    ProtectTextProgress(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void started(Path source, long estimatedBytes) {
        closeBar();
        bar = new ProgressBar(err, terminal, "protect " + source.getFileName(), Math.max(0, estimatedBytes),
                ProgressBar.Unit.BYTES);
    }

    @Override
    public synchronized void read(long bytes) {
        if (bar != null) {
            bar.add(bytes);
        }
    }

    @Override
    public synchronized void retrying(String request, int attempt, Duration delay, Exception cause) {
        err.println((terminal ? System.lineSeparator() : "") + "agent: " + request + " failed (" + cause.getMessage()
                + "); retry " + attempt + " in " + delay.toMillis() + " ms");
    }

    @Override
    public synchronized void skipped(Path path, String reason) {
        err.println("agent: skipped " + path + ": " + reason);
    }

    @Override
    public synchronized void notice(String message) {
        err.println("agent: " + message);
    }

    @Override
    public synchronized void committed(ProtectResult r) {
        closeBar();
        out.println(summary(r));
        out.flush();
    }

    synchronized void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String summary(ProtectResult r) {
        return String.format(Locale.ROOT, "protect: point %s of %s: %s source, %d blocks (%d zero), %d sent, %d already"
                + " in the vault; %s on the wire over %s %s in %.1f s", r.point().id(), r.point().source(),
                ProgressBar.bytes(r.sourceBytes()), r.blocks(), r.zeroBlocks(), r.blocksSent(), r.blocksPresent(),
                ProgressBar.bytes(r.bytesSent()), r.point().tlsVersion(), r.point().cipherSuite(),
                r.elapsed().toMillis() / 1000.0)
                + (r.filesKept() > 0 ? "; " + r.filesKept() + " files unchanged since the last point, not read" : "")
                + (r.keptByStamp() ? "; unchanged since the last point by its stamp, not read" : "")
                + (r.sentAsDelta() ? "; committed as a delta of the last point" : "");
    }
}
