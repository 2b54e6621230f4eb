package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegKey;
import io.lifeboat.readiness.registry.RegValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * os-update: the Windows version and the update TLS 1.2 needs on it: Server 2008 SP2 needs KB4019276;
 * Windows 7 / 2008 R2 and Windows 8 / 2012 need KB3140245 (WinHTTP). Older releases cannot do TLS 1.2
 * at all (FAIL: upgrade). Evidence of installation is a Component Based Servicing package record
 * ({@code Package_for_KBnnnnnnn~...} with CurrentState 0x70 = installed). A missing record is UNKNOWN,
 * never FAIL: the fix may have arrived in a later cumulative rollup that carries another name.
 */
final class OsUpdateRule implements Rule {
    static final KeyPath PACKAGES = KeyPath.hklm(
            "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages");
    static final int INSTALLED = 0x70;

    @Override
    public String id() {
        return "os-update";
    }

    @Override
    public String title() {
        return "Windows version and the update TLS 1.2 needs";
    }

    @Override
    public String citation() {
        return Citations.KB4019276 + " ; " + Citations.KB3140245;
    }

    @Override
    public boolean registryRule() {
        return false;
    }

    @Override
    public boolean appliesTo(Machine m) {
        return true;
    }

    @Override
    public RuleResult evaluate(Machine m) {
        OsInfo os = m.os();
        Evidence osEvidence = m.evidence(OsInfo.CURRENT_VERSION, "ProductName", "unknown");
        switch (os.family()) {
            case UNKNOWN:
                return result(Status.UNKNOWN, "the Windows version is unknown (give the SOFTWARE hive or an export of"
                        + " HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion)", List.of(osEvidence), Fix.NONE);
            case UNSUPPORTED:
                return result(Status.FAIL, os.name() + " cannot speak TLS 1.2 with any update", List.of(osEvidence),
                        Fix.action("upgrade to Windows Server 2012 R2 or later (or at least Server 2008 SP2 with KB4019276)"));
            case WIN81_2012R2:
            case WIN10_PLUS:
                return result(Status.PASS, os.name() + " supports TLS 1.2 without an extra update", List.of(osEvidence),
                        Fix.NONE);
            default:
                return needsUpdate(m, osEvidence);
        }
    }

    private RuleResult needsUpdate(Machine m, Evidence osEvidence) {
        String kb = m.os().family().requiredUpdate();
        List<Evidence> ev = new ArrayList<>(List.of(osEvidence));
        Optional<RegKey> packages = m.view().key(PACKAGES);
        Fix install = Fix.action("install " + kb + " (" + m.os().family().label() + "), then restart Windows");
        if (packages.isEmpty()) {
            ev.add(new Evidence(PACKAGES.toString(), "", Evidence.ABSENT, "no servicing records in the registry given"));
            return result(Status.UNKNOWN, m.os().name() + " needs " + kb + "; the registry given has no servicing"
                    + " records to tell whether it is installed", ev, install);
        }
        for (String name : packages.get().subkeyNames()) {
            if (name.toUpperCase(Locale.ROOT).contains(kb + "~") || name.toUpperCase(Locale.ROOT).contains(kb + "_")) {
                KeyPath key = PACKAGES.child(name);
                Optional<Integer> state = m.value(key, "CurrentState").flatMap(RegValue::asDword);
                ev.add(m.evidence(key, "CurrentState", "unknown"));
                if (state.orElse(0) == INSTALLED) {
                    return result(Status.PASS, m.os().name() + " has " + kb + " installed", ev, Fix.NONE);
                }
            }
        }
        ev.add(new Evidence(PACKAGES.toString(), "", "no installed package named " + kb, ""));
        return result(Status.UNKNOWN, m.os().name() + " needs " + kb + "; no installed package record names it"
                + " (a later rollup may include it: confirm with the update history)", ev, install);
    }
}
