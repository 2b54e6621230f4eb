package io.lifeboat.readiness.rules;

import java.util.Optional;

/**
 * Shared body of the two TLS 1.2 SCHANNEL rules: TLS 1.2 must be enabled and not disabled by
 * default. The client side is required (the agent connects out to the vault); the server side is a
 * component's own need (IIS, RDP, a process server), so it WARNs instead of failing. OS defaults (Schannel SSP protocol table, KB4019276): off on Server 2008 SP2 (even with the
 * update) and on Windows 7 / 2008 R2 (supported, but disabled by default); on from Windows 8 / 2012.
 */
abstract class SchannelTls12Rule implements Rule {
    private final boolean client;

    SchannelTls12Rule(boolean client) {
        this.client = client;
    }

    @Override
    public String citation() {
        return Citations.TLS_REGISTRY + " ; " + Citations.SCHANNEL_PROTOCOLS + " ; " + Citations.KB4019276;
    }

    @Override
    public boolean required() {
        return client;
    }

    @Override
    public boolean appliesTo(Machine m) {
        return m.os().family() != OsFamily.UNSUPPORTED;
    }

    @Override
    public RuleResult evaluate(Machine m) {
        OsFamily f = m.os().family();
        Optional<Boolean> enDefault = f.known() ? Optional.of(f != OsFamily.WIN2008_SP2) : Optional.empty();
        Optional<Boolean> dbdDefault = f.known() ? Optional.of(!f.tls12OnByDefault(client)) : Optional.empty();
        Schannel.State s = Schannel.read(m, "TLS 1.2", client, enDefault, dbdDefault);
        String side = client ? "client" : "server";
        Fix fix = Fix.edits(Schannel.set("TLS 1.2", client, true),
                "enable TLS 1.2 for the SCHANNEL " + side + " (Enabled=1, DisabledByDefault=0), then restart Windows");
        Status bad = client ? Status.FAIL : Status.WARN;
        if (!m.has("SYSTEM")) {
            return unknown("no SYSTEM keys were given, so the SCHANNEL " + side + " cannot be judged",
                    s.evidence(), Fix.action(fix.action() + " (not written: the input has no SYSTEM hive to fix)"),
                    "give the SYSTEM hive (or an export of HKLM\\" + Schannel.PROTOCOLS + "TLS 1.2)");
        }
        if (s.enabled().equals(Optional.of(false))) {
            return result(bad, "TLS 1.2 " + side + " is disabled in SCHANNEL", s.evidence(), fix);
        }
        if (s.disabledByDefault().equals(Optional.of(true))) {
            return result(bad, "TLS 1.2 " + side + " is disabled by default: applications that use the"
                    + " system defaults (WinHTTP, .NET with SystemDefaultTlsVersions) will not offer it", s.evidence(), fix);
        }
        if (s.enabled().isEmpty() || s.disabledByDefault().isEmpty()) {
            return unknown("TLS 1.2 " + side + " is not configured and the Windows version is unknown,"
                    + " so its default cannot be told", s.evidence(), fix, OsUpdateRule.GIVE_OS);
        }
        return result(Status.PASS, "TLS 1.2 " + side + " is enabled", s.evidence(), Fix.NONE);
    }
}
