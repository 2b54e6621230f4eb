package io.lifeboat.cli.plan;

import io.lifeboat.plan.PlanReport;
import io.lifeboat.plan.PlanRunOptions;
import io.lifeboat.plan.StepReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The report of {@code plan run}: its JSON form and its one-line text summary. */
final class PlanReportJson {
    private PlanReportJson() {
    }

    static Map<String, Object> of(PlanReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", r.plan());
        m.put("test", r.test());
        m.put("status", r.ok() ? "ok" : "failed");
        m.put("failedStep", r.failedStep());
        m.put("order", r.order());
        m.put("steps", r.steps().stream().map(PlanReportJson::step).toList());
        return m;
    }

    private static Map<String, Object> step(StepReport s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        m.put("group", s.group());
        m.put("machine", s.machine());
        m.put("target", s.target());
        m.put("point", s.point());
        m.put("status", s.status().name().toLowerCase(Locale.ROOT));
        m.put("bytesRestored", s.bytesRestored());
        m.put("bytesFetched", s.bytesFetched());
        m.put("bytesWritten", s.bytesWritten());
        m.put("started", s.started().toString());
        m.put("finished", s.finished().toString());
        m.put("seconds", s.seconds());
        m.put("detail", s.detail());
        return m;
    }

    static String summary(PlanReport r, PlanRunOptions options) {
        String what = (r.test() ? "test run of plan " : "plan ") + r.plan();
        long failovers = r.steps().stream().filter(s -> s.kind() == StepReport.Kind.FAILOVER).count();
        if (r.ok()) {
            return what + ": done, " + r.order().size() + " groups, " + failovers + " failovers"
                    + (r.test() ? ", restored under " + options.scratch() : "");
        }
        return what + ": stopped at step " + r.failedStep() + " (" + r.steps().stream()
                .filter(s -> s.name().equals(r.failedStep())).map(s -> String.valueOf(s.detail())).findFirst().orElse("")
                + "); later steps did not run";
    }
}
