package io.lifeboat.readiness.rules;

import java.util.ArrayList;
import java.util.List;

/** The rule catalogue, in report order; no classpath scanning. docs/readiness.md lists the same. */
public final class Rules {
    public static final List<Rule> ALL = List.of(
            new OsUpdateRule(),
            new SchannelTls12ClientRule(),
            new SchannelTls12ServerRule(),
            new LegacyProtocolsRule(),
            new DotNet4Rule(),
            new DotNet2Rule(),
            new WinHttpRule(),
            new CipherSuitePolicyRule());

    private Rules() {
    }

    /** Every rule's result for one machine, in catalogue order. */
    public static List<RuleResult> evaluate(Machine machine) {
        List<RuleResult> out = new ArrayList<>();
        for (Rule r : ALL) {
            out.add(r.appliesTo(machine) ? r.evaluate(machine)
                    : new RuleResult(r.id(), r.title(), r.citation(), r.required(), Status.NOT_APPLICABLE,
                            "does not concern " + machine.os().family().label(), List.of(), Fix.NONE, ""));
        }
        return out;
    }

    public static Rule byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
    }
}
