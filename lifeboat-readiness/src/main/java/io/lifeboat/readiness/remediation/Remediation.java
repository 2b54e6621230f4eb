package io.lifeboat.readiness.remediation;

import io.lifeboat.readiness.reg.RegFileWriter;
import io.lifeboat.readiness.registry.Names;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --fix} file: a {@code .reg} that sets exactly what failed (FAIL), what warned (WARN:
 * legacy protocols, listed separately in its comments) and what could not be judged but has a
 * registry fix (UNKNOWN with edits: explicit values make the machine independent of OS defaults).
 * Actions that are not registry settings (install a KB) are written as comments. Lifeboat never
 * imports it: the operator reviews it and runs {@code regedit /s FILE} or {@code reg import FILE}.
 */
public final class Remediation {
    private Remediation() {
    }

    /** The edits, in rule order; a later edit of the same key and value replaces an earlier one. */
    public static List<RegistryEdit> edits(List<RuleResult> results) {
        Map<String, RegistryEdit> out = new LinkedHashMap<>();
        for (RuleResult r : results) {
            if (r.status() == Status.PASS || r.status() == Status.NOT_APPLICABLE) {
                continue;
            }
            for (RegistryEdit e : r.fix().edits()) {
                String name = e instanceof RegistryEdit.SetValue s ? s.value().name()
                        : e instanceof RegistryEdit.DeleteValue d ? d.name() : "";
                String key = Names.fold(e.key().toString()) + "\0" + Names.fold(name);
                out.remove(key);
                out.put(key, e);
            }
        }
        return List.copyOf(out.values());
    }

    /** The comment block: what the file does and why, rule by rule. */
    public static List<String> comments(String os, List<RuleResult> results) {
        List<String> c = new ArrayList<>();
        c.add("Lifeboat readiness remediation for: " + os);
        c.add("Review, then import with `reg import THIS.reg` (or regedit) as an administrator, and restart Windows.");
        for (RuleResult r : results) {
            if (r.status() == Status.PASS || r.status() == Status.NOT_APPLICABLE || r.fix().isEmpty()) {
                continue;
            }
            c.add(r.rule() + " [" + r.status() + "]: " + r.summary());
            if (!r.fix().action().isEmpty()) {
                c.add("  fix: " + r.fix().action() + (r.fix().edits().isEmpty() ? " (not a registry setting: do it by hand)" : ""));
            }
            c.add("  see: " + r.citation());
        }
        return c;
    }

    /** The whole file: UTF-16LE with BOM, CRLF, "Windows Registry Editor Version 5.00". */
    public static byte[] file(String os, List<RuleResult> results) {
        return RegFileWriter.write(edits(results), comments(os, results));
    }
}
