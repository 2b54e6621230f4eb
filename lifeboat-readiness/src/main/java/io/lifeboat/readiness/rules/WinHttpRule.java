package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * winhttp-default-secure-protocols: WinHTTP's {@code DefaultSecureProtocols} should include TLS 1.2
 * (bit 0x800) in both views. Not required (the replication path does not go through WinHTTP): a
 * component's own need, so WARN, never FAIL. On Server 2008 SP2, Windows 7 / 2008 R2 and Windows 8 /
 * 2012 WinHTTP's built-in default is SSL 3.0 + TLS 1.0, and the value does nothing until the OS update
 * (KB4019276 / KB3140245) is installed: there it passes only with the update's record. From Windows
 * 8.1 / 2012 R2 the default includes TLS 1.2, but a value set without bit 0x800 still turns it off.
 *
 * <p>The fix is computed from the OS and never removes a bit: a value seen gets 0x800 added; an absent
 * value on an OS whose default lacks TLS 1.2 gets 0xA00 (TLS 1.1 + 1.2: none of those OSes has TLS 1.3).
 * With the OS unknown nothing is written (0xA00 would take TLS 1.3 away on Windows 11 / Server 2022).
 */
final class WinHttpRule implements Rule {
    static final int TLS12 = 0x800;
    static final int TLS11_TLS12 = 0xA00;
    static final String KEY = "Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp";

    @Override
    public String id() {
        return "winhttp-default-secure-protocols";
    }

    @Override
    public String title() {
        return "WinHTTP DefaultSecureProtocols includes TLS 1.2";
    }

    @Override
    public String citation() {
        return Citations.KB3140245;
    }

    @Override
    public boolean appliesTo(Machine m) {
        return m.os().family() != OsFamily.UNSUPPORTED;
    }

    @Override
    public RuleResult evaluate(Machine m) {
        OsFamily f = m.os().family();
        String assumed = !f.known() ? "unknown: WinHTTP's default depends on the Windows version"
                : f.winHttpNeedsDefaultSecureProtocols() ? "SSL 3.0 + TLS 1.0 only (" + f.label() + ")"
                : "includes TLS 1.2 (" + f.label() + ")";
        List<Evidence> evidence = new ArrayList<>();
        List<RegistryEdit> edits = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        boolean unset = false;
        for (Machine.SoftwareView view : m.softwareViews()) {
            KeyPath key = view.key(KEY);
            evidence.add(m.evidence(key, "DefaultSecureProtocols", assumed));
            Optional<RegValue> v = m.value(key, "DefaultSecureProtocols");
            if (v.isPresent()) {
                int bits = v.flatMap(RegValue::asDword).orElse(0);
                if ((bits & TLS12) == 0) {
                    bad.add(String.format("%s view has 0x%x without TLS 1.2 (0x800)", view.label(), bits));
                    edits.add(new RegistryEdit.SetValue(key, RegValue.dword("DefaultSecureProtocols", bits | TLS12)));
                }
            } else if (!f.known()) {
                unset = true;
            } else if (f.winHttpNeedsDefaultSecureProtocols()) {
                bad.add(view.label() + " view: not set, and this Windows' WinHTTP default lacks TLS 1.2");
                edits.add(new RegistryEdit.SetValue(key, RegValue.dword("DefaultSecureProtocols", TLS11_TLS12)));
            }
        }
        UpdateRecord update = UpdateRecord.of(m);
        evidence.addAll(update.evidence());
        String action = "set DefaultSecureProtocols to include TLS 1.2 (0x800) in both views"
                + (update.kb().isEmpty() ? "" : " and install " + update.kb() + ", without which the value does nothing");
        if (!m.has("SOFTWARE")) {
            return unknown("no SOFTWARE keys were given, so WinHTTP cannot be judged", evidence, Fix.action(action
                    + " (no value written: the right one depends on the Windows version)"), "give the SOFTWARE hive");
        }
        if (!bad.isEmpty()) {
            return result(Status.WARN, "WinHTTP will not offer TLS 1.2 by default: " + String.join("; ", bad), evidence,
                    Fix.edits(edits, action));
        }
        if (unset) {
            return unknown("DefaultSecureProtocols is not set and the Windows version is unknown", evidence,
                    Fix.action(action + " (no value written: 0xA00 before Windows 8.1, nothing needed from 8.1 on, and"
                            + " 0xA00 would remove TLS 1.3 on Windows 11 / Server 2022)"), OsUpdateRule.GIVE_OS);
        }
        return afterUpdate(update, evidence, action);
    }

    /** The value includes TLS 1.2; it only takes effect where the OS update is installed. */
    private RuleResult afterUpdate(UpdateRecord update, List<Evidence> evidence, String action) {
        switch (update.state()) {
            case MISSING:
                return result(Status.WARN, "DefaultSecureProtocols includes TLS 1.2, but without " + update.kb()
                        + " WinHTTP ignores it", evidence, Fix.action("install " + update.kb()));
            case NO_RECORDS:
                return unknown("DefaultSecureProtocols includes TLS 1.2; it takes effect only with " + update.kb()
                        + ", which the input cannot show", evidence, Fix.action("install " + update.kb()),
                        "give the SOFTWARE hive (its servicing records)");
            default:
                return result(Status.PASS, "WinHTTP offers TLS 1.2 by default", evidence, Fix.NONE);
        }
    }
}
