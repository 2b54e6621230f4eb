package io.lifeboat.readiness.report;

import io.lifeboat.readiness.rules.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many machines' verdicts as one summary: how many are READY, NOT READY and INCOMPLETE (counted
 * apart: a machine the input cannot decide is never counted ready), and for each required rule how
 * many machines FAIL it, so the most common fix shows first.
 *
 * @param machines one line per machine, in the order read
 * @param failuresByRule required rule id to the number of machines that FAIL it (rules with none omitted)
 * @param unreadable machines whose exports could not be read, with the reason
 */
public record FleetSummary(int total, int ready, int notReady, int incomplete, List<MachineLine> machines,
        Map<String, Integer> failuresByRule, Map<String, String> unreadable) {

    /**
     * One machine in the summary.
     *
     * @param failed  required rules that FAIL
     * @param unknown required rules that are UNKNOWN
     * @param missing what input would decide it (INCOMPLETE only)
     */
    public record MachineLine(String machine, Verdict verdict, String os, List<String> failed, List<String> unknown,
            List<String> missing) {
    }

    public static FleetSummary of(Map<String, ReadinessReport> reports, Map<String, String> unreadable) {
        Map<String, Integer> byRule = new LinkedHashMap<>();
        List<MachineLine> lines = new ArrayList<>();
        Map<Verdict, Integer> counts = new java.util.EnumMap<>(Verdict.class);
        for (Map.Entry<String, ReadinessReport> e : reports.entrySet()) {
            ReadinessReport r = e.getValue();
            List<String> failed = r.required(Status.FAIL);
            failed.forEach(id -> byRule.merge(id, 1, Integer::sum));
            counts.merge(r.verdict(), 1, Integer::sum);
            lines.add(new MachineLine(e.getKey(), r.verdict(), r.os().name(), failed, r.required(Status.UNKNOWN),
                    r.missing()));
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        byRule.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(x -> sorted.put(x.getKey(), x.getValue()));
        return new FleetSummary(reports.size() + unreadable.size(), counts.getOrDefault(Verdict.READY, 0),
                counts.getOrDefault(Verdict.NOT_READY, 0), counts.getOrDefault(Verdict.INCOMPLETE, 0), lines, sorted,
                Collections.unmodifiableMap(new LinkedHashMap<>(unreadable)));
    }

    public boolean allReady() {
        return unreadable.isEmpty() && ready == total;
    }
}
