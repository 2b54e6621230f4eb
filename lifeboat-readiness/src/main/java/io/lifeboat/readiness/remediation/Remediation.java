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
 * The {@code --fix} file. By default it writes only what makes the required rules pass (their FAIL and
 * UNKNOWN results' edits), which only ever turns TLS 1.2 and strong crypto on and never removes a
 * protocol or a suite. {@link Mode#HARDEN} adds the hardening rules' WARN (and UNKNOWN) edits (TLS 1.2 server side,
 * WinHTTP, .NET 3.5, legacy protocols off); legacy protocols are turned off only where os-update PASSes,
 * since without TLS 1.2 the machine would be left with no protocol at all (RDP included). Actions that
 * are not registry settings (install a KB) are written as comments. Lifeboat never imports it: the
 * operator reviews it and runs {@code reg import FILE}.
 */
public final class Remediation {
    static final String LEGACY = "legacy-protocols";
    static final String OS_UPDATE = "os-update";

    /** What the file may change. */
    public enum Mode {
        /** Only what the required rules need (the default). */
        REQUIRED,
        /** Also the hardening advice, legacy protocols off included ({@code --harden}). */
        HARDEN
    }

    private Remediation() {
    }

    /** Whether a result's edits go into the file in this mode. */
    static boolean included(RuleResult r, List<RuleResult> all, Mode mode) {
        if (r.required()) {
            return r.status() == Status.FAIL || r.status() == Status.UNKNOWN;
        }
        if (mode != Mode.HARDEN || r.status() != Status.WARN && r.status() != Status.UNKNOWN) {
            return false;
        }
        return !r.rule().equals(LEGACY) || tls12Shown(all);
    }

    /** TLS 1.2 is shown to exist on this OS (the update present, or none needed). */
    private static boolean tls12Shown(List<RuleResult> all) {
        return all.stream().anyMatch(x -> x.rule().equals(OS_UPDATE) && x.status() == Status.PASS);
    }

    /** The edits, in rule order; a later edit of the same key and value replaces an earlier one. */
    public static List<RegistryEdit> edits(List<RuleResult> results, Mode mode) {
        Map<String, RegistryEdit> out = new LinkedHashMap<>();
        for (RuleResult r : results) {
            if (!included(r, results, mode)) {
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

    /** The comment block: what the file does and why, rule by rule, and what it leaves out. */
    public static List<String> comments(String os, List<RuleResult> results, Mode mode) {
        List<String> c = new ArrayList<>();
        c.add("Lifeboat readiness remediation for: " + os);
        c.add("Review, then import with `reg import THIS.reg` (or regedit) as an administrator, and restart Windows.");
        if (mode == Mode.REQUIRED) {
            c.add("Only what the required rules need; no protocol is turned off. Hardening advice is listed, not"
                    + " applied (lifeboat readiness --harden writes it).");
        } else {
            c.add("--harden: WARNING: this also turns off SSL 2.0/3.0 and TLS 1.0/1.1. Check first that nothing here"
                    + " still needs them: RDP to or from machines without TLS 1.2, SQL Server or other services without"
                    + " their TLS 1.2 updates, .NET applications without SystemDefaultTlsVersions, Windows XP / 2003 peers.");
        }
        for (RuleResult r : results) {
            if (r.status() == Status.PASS || r.status() == Status.NOT_APPLICABLE || r.fix().isEmpty()) {
                continue;
            }
            boolean in = included(r, results, mode);
            c.add(r.rule() + " [" + r.status() + (r.required() ? ", required" : "") + "]: " + r.summary());
            if (!r.fix().action().isEmpty()) {
                c.add("  fix: " + r.fix().action() + (r.fix().edits().isEmpty() ? " (not a registry setting: do it by hand)" : ""));
            }
            if (!r.fix().edits().isEmpty() && !in) {
                c.add("  not written here: " + (mode == Mode.REQUIRED ? "hardening advice (--harden writes it)"
                        : "TLS 1.2 is not shown to work on this machine (os-update), so the legacy protocols stay on"));
            }
            c.add("  see: " + r.citation());
        }
        return c;
    }

    /** The whole file: UTF-16LE with BOM, CRLF, "Windows Registry Editor Version 5.00". */
    public static byte[] file(String os, List<RuleResult> results, Mode mode) {
        return RegFileWriter.write(edits(results, mode), comments(os, results, mode));
    }
}
