package io.lifeboat.readiness.report;

import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many machines' verdicts as one summary: which machines are ready, and for each rule how many
 * machines FAIL it, so the most common fix shows first.
 *
 * @param machines one line per machine, in the order read
 * @param failuresByRule rule id to the number of machines that FAIL it (rules with none omitted)
 * @param unreadable machines whose exports could not be read, with the reason
 */
public record FleetSummary(int total, int ready, List<MachineLine> machines, Map<String, Integer> failuresByRule,
        Map<String, String> unreadable) {

    /** One machine in the summary. */
    public record MachineLine(String machine, boolean ready, String os, List<String> failed, List<String> unknown) {
    }

    public static FleetSummary of(Map<String, ReadinessReport> reports, Map<String, String> unreadable) {
        Map<String, Integer> byRule = new LinkedHashMap<>();
        List<MachineLine> lines = new java.util.ArrayList<>();
        int ready = 0;
        for (Map.Entry<String, ReadinessReport> e : reports.entrySet()) {
            ReadinessReport r = e.getValue();
            List<String> failed = ids(r.results(), Status.FAIL);
            failed.forEach(id -> byRule.merge(id, 1, Integer::sum));
            if (r.ready()) {
                ready++;
            }
            lines.add(new MachineLine(e.getKey(), r.ready(), r.os().name(), failed, ids(r.results(), Status.UNKNOWN)));
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        byRule.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(x -> sorted.put(x.getKey(), x.getValue()));
        return new FleetSummary(reports.size() + unreadable.size(), ready, lines, sorted, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unreadable)));
    }

    private static List<String> ids(List<RuleResult> results, Status s) {
        return results.stream().filter(r -> r.status() == s).map(RuleResult::rule).toList();
    }

    public boolean allReady() {
        return unreadable.isEmpty() && ready == total;
    }
}
