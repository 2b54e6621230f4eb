package io.lifeboat.readiness.rules;

import java.util.Optional;

/**
 * Shared body of the two TLS 1.2 SCHANNEL rules: TLS 1.2 must be enabled and not disabled by
 * default. OS defaults (Schannel SSP protocol table, KB4019276): off on Server 2008 SP2 (even with the
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
        if (!m.has("SYSTEM")) {
            return result(Status.UNKNOWN, "no SYSTEM keys were given, so the SCHANNEL " + side + " cannot be judged",
                    s.evidence(), fix);
        }
        if (s.enabled().equals(Optional.of(false))) {
            return result(Status.FAIL, "TLS 1.2 " + side + " is disabled in SCHANNEL", s.evidence(), fix);
        }
        if (s.disabledByDefault().equals(Optional.of(true))) {
            return result(Status.FAIL, "TLS 1.2 " + side + " is disabled by default: applications that use the"
                    + " system defaults (WinHTTP, .NET with SystemDefaultTlsVersions) will not offer it", s.evidence(), fix);
        }
        if (s.enabled().isEmpty() || s.disabledByDefault().isEmpty()) {
            return result(Status.UNKNOWN, "TLS 1.2 " + side + " is not configured and the Windows version is unknown,"
                    + " so its default cannot be told", s.evidence(), fix);
        }
        return result(Status.PASS, "TLS 1.2 " + side + " is enabled", s.evidence(), Fix.NONE);
    }
}
