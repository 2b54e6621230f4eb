package io.lifeboat.readiness.report;

import io.lifeboat.readiness.rules.OsInfo;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import java.util.List;

/**
 * The verdict on one machine: its JSON form is documented in docs/readiness.md.
 *
 * @param verdict READY, NOT READY or INCOMPLETE, from the required rules ({@link Verdict#of})
 * @param source  what was read ("2 .reg files", "SYSTEM hive ... + SOFTWARE hive ...", "live registry")
 * @param notes   what the readers had to say (lenient .reg lines, hive recovery from logs)
 */
public record ReadinessReport(Verdict verdict, OsInfo os, String source, List<RuleResult> results, List<String> notes) {
    public ReadinessReport {
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    public boolean ready() {
        return verdict == Verdict.READY;
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** Required rules with this status, by id, in catalogue order. */
    public List<String> required(Status status) {
        return results.stream().filter(r -> r.required() && r.status() == status).map(RuleResult::rule).toList();
    }

    /** What input would decide an INCOMPLETE verdict: the required UNKNOWNs' needs, each once. */
    public List<String> missing() {
        return results.stream().filter(r -> r.required() && r.status() == Status.UNKNOWN && !r.missing().isEmpty())
                .map(RuleResult::missing).distinct().toList();
    }
}
