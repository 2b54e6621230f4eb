package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * winhttp-default-secure-protocols: WinHTTP's {@code DefaultSecureProtocols} must include TLS 1.2
 * (bit 0x800) in both views. On Server 2008 SP2, Windows 7 / 2008 R2 and Windows 8 / 2012 WinHTTP's
 * built-in default is SSL 3.0 + TLS 1.0 until KB3140245 is installed and the value is set; from
 * Windows 8.1 / 2012 R2 the default includes TLS 1.2, but a value set without bit 0x800 still
 * turns it off.
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
        boolean unknown = false;
        for (Machine.SoftwareView view : m.softwareViews()) {
            KeyPath key = view.key(KEY);
            evidence.add(m.evidence(key, "DefaultSecureProtocols", assumed));
            Optional<RegValue> v = m.value(key, "DefaultSecureProtocols");
            int fixed;
            if (v.isPresent()) {
                int bits = v.flatMap(RegValue::asDword).orElse(0);
                if ((bits & TLS12) != 0) {
                    continue;
                }
                bad.add(String.format("%s view has 0x%x without TLS 1.2 (0x800)", view.label(), bits));
                fixed = bits | TLS12;
            } else if (!f.known()) {
                unknown = true;
                fixed = TLS11_TLS12;
            } else if (f.winHttpNeedsDefaultSecureProtocols()) {
                bad.add(view.label() + " view: not set, and this Windows' WinHTTP default lacks TLS 1.2");
                fixed = TLS11_TLS12;
            } else {
                continue;
            }
            edits.add(new RegistryEdit.SetValue(key, RegValue.dword("DefaultSecureProtocols", fixed)));
        }
        String action = "set DefaultSecureProtocols to include TLS 1.2 (0x800) in both views"
                + (f.winHttpNeedsDefaultSecureProtocols() ? " after installing KB3140245" : "");
        if (!m.has("SOFTWARE")) {
            return result(Status.UNKNOWN, "no SOFTWARE keys were given, so WinHTTP cannot be judged", evidence,
                    Fix.edits(edits, action));
        }
        if (!bad.isEmpty()) {
            return result(Status.FAIL, "WinHTTP will not offer TLS 1.2 by default: " + String.join("; ", bad), evidence,
                    Fix.edits(edits, action));
        }
        if (unknown) {
            return result(Status.UNKNOWN, "DefaultSecureProtocols is not set and the Windows version is unknown",
                    evidence, Fix.edits(edits, action));
        }
        return result(Status.PASS, "WinHTTP offers TLS 1.2 by default", evidence, Fix.NONE);
    }
}
