package io.lifeboat.readiness.report;

import io.lifeboat.readiness.rules.OsInfo;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import java.util.List;

/**
 * The verdict on one machine: its JSON form is documented in docs/readiness.md.
 *
 * @param ready   no rule FAILed (UNKNOWNs are listed for a person to confirm, WARNs are advice)
 * @param source  what was read ("2 .reg files", "SYSTEM hive ... + SOFTWARE hive ...", "live registry")
 * @param notes   what the readers had to say (lenient .reg lines, hive recovery from logs)
 */
public record ReadinessReport(boolean ready, OsInfo os, String source, List<RuleResult> results, List<String> notes) {
    public ReadinessReport {
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
