package io.lifeboat.readiness.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * os-update (required): the Windows version and the update TLS 1.2 needs on it: Server 2008 SP2 needs
 * KB4019276 (without it the OS has no TLS 1.2 at all); Windows 7 / 2008 R2 and Windows 8 / 2012 need
 * KB3140245. Older releases cannot do TLS 1.2 (FAIL: upgrade). Evidence is a Component Based
 * Servicing package record ({@link UpdateRecord}). When the input holds servicing records and none says
 * the update is installed, the result is FAIL naming the KB (a rollup that carries it also leaves its
 * own package record under the KB's name once installed through Windows Update); with no servicing
 * records at all it is UNKNOWN and names the input to give.
 */
final class OsUpdateRule implements Rule {
    static final String GIVE_OS = "give the SOFTWARE hive (or an export of HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion)";

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
        return Citations.KB4019276 + " ; " + Citations.KB3140245 + " ; " + Citations.ASR_TLS;
    }

    @Override
    public boolean required() {
        return true;
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
                return unknown("the Windows version is unknown, so the update it needs cannot be told", List.of(osEvidence),
                        Fix.NONE, GIVE_OS);
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
        UpdateRecord u = UpdateRecord.of(m);
        List<Evidence> ev = new ArrayList<>(List.of(osEvidence));
        ev.addAll(u.evidence());
        Fix install = Fix.action("install " + u.kb() + " (" + m.os().family().label() + "), then restart Windows");
        switch (u.state()) {
            case INSTALLED:
                return result(Status.PASS, m.os().name() + " has " + u.kb() + " installed", ev, Fix.NONE);
            case MISSING:
                return result(Status.FAIL, m.os().name() + " needs " + u.kb() + " for TLS 1.2 and no servicing record"
                        + " shows it installed", ev, install);
            default:
                return unknown(m.os().name() + " needs " + u.kb() + "; the input has no servicing records to tell whether"
                        + " it is installed", ev, install, "give the SOFTWARE hive (its Component Based Servicing\\Packages"
                        + " records show installed updates)");
        }
    }
}
