package io.lifeboat.cli.readiness;

import io.lifeboat.readiness.reg.RegFileWriter;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.report.FleetSummary;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.report.Verdict;
import io.lifeboat.readiness.rules.Evidence;
import io.lifeboat.readiness.rules.OsInfo;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented JSON shape of a readiness report (docs/readiness.md, "JSON"); schema version 1. */
final class ReadinessJson {
    static final int SCHEMA = 1;

    private ReadinessJson() {
    }

    /** @param ready verdict is READY; @param missing what input would decide an INCOMPLETE verdict */
    record Report(int schema, boolean ready, String verdict, List<String> missing, Os os, String source,
            Map<String, Long> summary, List<Result> results, List<String> notes) {
    }

    record Os(String family, String name, String version, String build, String servicePack, boolean server, String arch) {
    }

    record Result(String rule, String title, boolean required, String status, String summary, String missing,
            String citation, List<Evidence> evidence, FixJson fix) {
    }

    /** @param registry the .reg lines, keys as "[KEY]" followed by their values */
    record FixJson(String action, List<String> registry) {
    }

    record Fleet(int schema, boolean allReady, int total, int ready, int notReady, int incomplete,
            List<Machine> machines, Map<String, Integer> failuresByRule, Map<String, String> unreadable) {
    }

    /** @param ready verdict is READY; @param failed / unknown the required rules that FAIL / are UNKNOWN */
    record Machine(String machine, boolean ready, String verdict, String os, List<String> failed, List<String> unknown,
            List<String> missing) {
    }

    static Report of(ReadinessReport r) {
        Map<String, Long> summary = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            summary.put(s.name(), r.count(s));
        }
        List<Result> results = new ArrayList<>();
        for (RuleResult x : r.results()) {
            results.add(new Result(x.rule(), x.title(), x.required(), x.status().name(), x.summary(), x.missing(),
                    x.citation(), x.evidence(), new FixJson(x.fix().action(), lines(x.fix().edits()))));
        }
        OsInfo o = r.os();
        Os os = new Os(o.family().name(), o.name(), o.version(), o.build(), o.servicePack(), o.server(), o.arch());
        return new Report(SCHEMA, r.ready(), r.verdict().name(), r.missing(), os, r.source(), summary, results,
                r.notes());
    }

    static Fleet of(FleetSummary f) {
        List<Machine> machines = f.machines().stream().map(m -> new Machine(m.machine(), m.verdict() == Verdict.READY,
                m.verdict().name(), m.os(), m.failed(), m.unknown(), m.missing())).toList();
        return new Fleet(SCHEMA, f.allReady(), f.total(), f.ready(), f.notReady(), f.incomplete(), machines,
                f.failuresByRule(), f.unreadable());
    }

    static List<String> lines(List<RegistryEdit> edits) {
        List<String> out = new ArrayList<>();
        String open = null;
        for (RegistryEdit e : edits) {
            if (e instanceof RegistryEdit.DeleteKey || e instanceof RegistryEdit.CreateKey) {
                out.add(RegFileWriter.line(e));
                open = null;
                continue;
            }
            if (!e.key().toString().equals(open)) {
                out.add("[" + e.key() + "]");
                open = e.key().toString();
            }
            out.add(RegFileWriter.line(e));
        }
        return out;
    }
}
