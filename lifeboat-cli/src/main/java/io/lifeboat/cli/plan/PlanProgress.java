package io.lifeboat.cli.plan;

import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.plan.PlanListener;
import io.lifeboat.plan.StepReport;
import java.io.PrintStream;
import java.util.Locale;

/** One line per step of a plan run, as it starts and as it ends, and one per warning, on standard error. */
final class PlanProgress implements PlanListener {
    private final PrintStream err;

    PlanProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void started(String step) {
        err.println("plan: " + step + ": started");
    }

    @Override
    public synchronized void finished(StepReport s) {
        StringBuilder line = new StringBuilder("plan: ").append(s.name()).append(": ")
                .append(s.status().name().toLowerCase(Locale.ROOT));
        if (s.kind() == StepReport.Kind.FAILOVER && s.status() == StepReport.Status.OK) {
            line.append(", point ").append(s.point()).append(" to ").append(s.target()).append(", ")
                    .append(ProgressBar.bytes(s.bytesRestored())).append(" restored, ")
                    .append(ProgressBar.bytes(s.bytesWritten())).append(" written");
        }
        line.append(String.format(Locale.ROOT, " (%.1fs)", s.seconds()));
        if (s.status() != StepReport.Status.OK && s.detail() != null) {
            line.append(": ").append(s.detail());
        }
        err.println(line);
    }

    @Override
    public synchronized void warning(String step, String message) {
        err.println("plan: " + step + ": warning: " + message);
    }
}
