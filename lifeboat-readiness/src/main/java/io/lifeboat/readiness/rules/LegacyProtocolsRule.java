package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.RegistryEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * legacy-protocols: SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 still enabled in SCHANNEL (client or
 * server) is a WARN, never a FAIL: TLS 1.2 works alongside them, but a downgrade stays possible and
 * Lifeboat links refuse them anyway. Hardening only: its edits go into the fix only with {@code --harden},
 * and only where TLS 1.2 is shown to work (see {@code Remediation}). Defaults when absent (Schannel SSP protocol table): SSL 2.0 on
 * only on Server 2008; SSL 3.0 on before Windows 10 / Server 2016; TLS 1.0 on everywhere; TLS 1.1 on
 * from Windows 8 / 2012. With the OS unknown an absent protocol is assumed on.
 */
final class LegacyProtocolsRule implements Rule {
    static final List<String> LEGACY = List.of("SSL 2.0", "SSL 3.0", "TLS 1.0", "TLS 1.1");

    @Override
    public String id() {
        return "legacy-protocols";
    }

    @Override
    public String title() {
        return "SSL 2.0/3.0, TLS 1.0/1.1 disabled in SCHANNEL";
    }

    @Override
    public String citation() {
        return Citations.TLS_REGISTRY + " ; " + Citations.SCHANNEL_PROTOCOLS;
    }

    @Override
    public boolean appliesTo(Machine m) {
        return m.os().family() != OsFamily.UNSUPPORTED;
    }

    static boolean onByDefault(String protocol, OsFamily f) {
        switch (protocol) {
            case "SSL 2.0":
                return f == OsFamily.WIN2008_SP2 || f == OsFamily.UNKNOWN;
            case "SSL 3.0":
                return f != OsFamily.WIN10_PLUS;
            case "TLS 1.1":
                return f != OsFamily.WIN2008_SP2 && f != OsFamily.WIN7_2008R2;
            default:
                return true;
        }
    }

    @Override
    public RuleResult evaluate(Machine m) {
        List<Evidence> evidence = new ArrayList<>();
        List<RegistryEdit> edits = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (String protocol : LEGACY) {
            for (boolean client : new boolean[] {true, false}) {
                Schannel.State s = Schannel.read(m, protocol, client, Optional.of(onByDefault(protocol, m.os().family())),
                        Optional.of(false));
                evidence.add(s.evidence().get(0));
                if (s.enabled().orElse(true)) {
                    on.add(protocol + (client ? " client" : " server"));
                    edits.addAll(Schannel.set(protocol, client, false));
                }
            }
        }
        if (!m.has("SYSTEM")) {
            return unknown("no SYSTEM keys were given, so SCHANNEL's legacy protocols cannot be judged",
                    evidence, Fix.NONE, "give the SYSTEM hive");
        }
        if (on.isEmpty()) {
            return result(Status.PASS, "no protocol older than TLS 1.2 is enabled", evidence, Fix.NONE);
        }
        return result(Status.WARN, "still enabled: " + String.join(", ", on)
                + " (TLS 1.2 works alongside; disable them once every peer speaks TLS 1.2)", evidence,
                Fix.edits(edits, "disable " + String.join(", ", on) + " (Enabled=0, DisabledByDefault=1) after checking"
                        + " that no other application on this machine still needs them; restart Windows"));
    }
}
