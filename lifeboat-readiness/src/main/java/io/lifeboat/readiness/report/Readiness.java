package io.lifeboat.readiness.report;

import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.rules.Machine;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/** The readiness check: a view in, a report out. Sources are assembled by the callers (CLI, live). */
public final class Readiness {
    private Readiness() {
    }

    public static ReadinessReport check(RegistryView view, List<String> notes) {
        Machine m = Machine.of(view);
        List<RuleResult> results = Rules.evaluate(m);
        return new ReadinessReport(Verdict.of(results), m.os(), view.describe(), results, notes);
    }

    /**
     * Several .reg files merged in the order given, as importing them one after another would.
     * Every file must be clean ({@link RegFile#requireClean()}); their notices become report notes.
     */
    public static MutableRegistry merge(List<RegFile> files, List<String> notesOut) {
        return applyOn(null, files, notesOut);
    }

    /**
     * The files applied in order on top of {@code base} (copy-on-write; null for an empty registry), as
     * importing them into that machine would: hives plus .reg exports of what they lack.
     */
    public static MutableRegistry applyOn(RegistryView base, List<RegFile> files, List<String> notesOut) {
        String what = files.size() == 1 ? ".reg file " + files.get(0).source() : files.size() + " .reg files merged in order";
        MutableRegistry reg = base == null ? new MutableRegistry(what) : new MutableRegistry(base, base.describe() + " + " + what);
        for (RegFile f : files) {
            f.requireClean();
            f.notices().forEach(n -> notesOut.add(f.source() + ": " + n));
            reg.applyAll(f.edits());
        }
        return reg;
    }

    /** Notes for a list of files, for callers that merged themselves. */
    public static List<String> notices(List<RegFile> files) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> f.notices().forEach(n -> out.add(f.source() + ": " + n)));
        return out;
    }
}
