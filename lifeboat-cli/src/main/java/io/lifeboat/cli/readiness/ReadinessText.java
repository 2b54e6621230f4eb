package io.lifeboat.cli.readiness;

import io.lifeboat.readiness.report.FleetSummary;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.rules.Evidence;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import java.util.Map;

/** Plain-text rendering of readiness reports for a terminal. */
final class ReadinessText {
    private ReadinessText() {
    }

    static String render(ReadinessReport r, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        sb.append("Readiness of ").append(r.os().name());
        if (!r.os().arch().isEmpty()) {
            sb.append(" [").append(r.os().arch()).append(']');
        }
        sb.append("\n  from ").append(r.source()).append("\n\n");
        for (RuleResult x : r.results()) {
            sb.append(String.format("  %-14s %-34s %s%n", x.status(), x.rule(), x.summary()));
            boolean detail = verbose || x.status() == Status.FAIL || x.status() == Status.UNKNOWN;
            if (detail) {
                for (Evidence e : x.evidence()) {
                    sb.append("  ").append(" ".repeat(50)).append("seen: ").append(e).append('\n');
                }
            }
            if (x.status() != Status.PASS && x.status() != Status.NOT_APPLICABLE && !x.fix().action().isEmpty()) {
                sb.append("  ").append(" ".repeat(50)).append("fix:  ").append(x.fix().action()).append('\n');
            }
        }
        for (String n : r.notes()) {
            sb.append("\n  note: ").append(n);
        }
        if (!r.notes().isEmpty()) {
            sb.append('\n');
        }
        sb.append(String.format("%n%s: %d FAIL, %d WARN, %d UNKNOWN, %d PASS, %d not applicable%n",
                r.verdict().label(), r.count(Status.FAIL), r.count(Status.WARN), r.count(Status.UNKNOWN),
                r.count(Status.PASS), r.count(Status.NOT_APPLICABLE)));
        switch (r.verdict()) {
            case NOT_READY -> sb.append("  required and failing: ").append(String.join(", ", r.required(Status.FAIL)))
                    .append('\n');
            case INCOMPLETE -> r.missing().forEach(m -> sb.append("  to decide: ").append(m).append('\n'));
            default -> { }
        }
        return sb.toString();
    }

    static String render(FleetSummary f) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d of %d machines ready, %d not ready, %d incomplete%n%n", f.ready(), f.total(),
                f.notReady(), f.incomplete()));
        for (FleetSummary.MachineLine m : f.machines()) {
            String why = !m.failed().isEmpty() ? "  FAIL: " + String.join(", ", m.failed())
                    : !m.missing().isEmpty() ? "  to decide: " + String.join("; ", m.missing()) : "";
            sb.append(String.format("  %-10s %-30s %s%s%n", m.verdict().label(), m.machine(), m.os(), why));
        }
        for (Map.Entry<String, String> u : f.unreadable().entrySet()) {
            sb.append(String.format("  %-10s %-30s %s%n", "UNREADABLE", u.getKey(), u.getValue()));
        }
        if (!f.failuresByRule().isEmpty()) {
            sb.append("\nMost common failures:\n");
            f.failuresByRule().forEach((rule, n) -> sb.append(String.format("  %4d  %s%n", n, rule)));
        }
        return sb.toString();
    }
}
