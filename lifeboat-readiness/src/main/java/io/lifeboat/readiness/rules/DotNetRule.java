package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shared body of the .NET rules: {@code SystemDefaultTlsVersions=1} (use the OS's TLS versions,
 * including TLS 1.2) and {@code SchUseStrongCrypto=1} (no SSL 3.0 / RC4, TLS 1.2 allowed) under
 * {@code SOFTWARE\Microsoft\.NETFramework\<version>}, in the 64-bit view and in WOW6432Node (32-bit
 * processes read that one). Absent means 0 for applications built for older framework versions,
 * which is what replication agents and installers usually are.
 */
abstract class DotNetRule implements Rule {
    static final List<String> VALUES = List.of("SystemDefaultTlsVersions", "SchUseStrongCrypto");

    private final String version;
    private final String ndpKey;
    private final boolean required;

    /** @param required .NET 4 is on the replication path's requirement list; .NET 3.5 only WARNs where installed */
    DotNetRule(String version, String ndpKey, boolean required) {
        this.version = version;
        this.ndpKey = ndpKey;
        this.required = required;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public String citation() {
        return Citations.DOTNET;
    }

    @Override
    public boolean appliesTo(Machine m) {
        return m.os().family() != OsFamily.UNSUPPORTED && installed(m);
    }

    /**
     * Not installed only when the registry shows the .NET setup keys (NET Framework Setup\NDP) and this
     * version's is missing; a partial export without them is checked anyway.
     */
    private boolean installed(Machine m) {
        KeyPath ndp = KeyPath.hklm("SOFTWARE\\Microsoft\\NET Framework Setup\\NDP");
        if (m.view().key(ndp).isEmpty()) {
            return true;
        }
        for (String k : ndpKey.split("\\|")) {
            if (m.view().key(ndp.child(k)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public RuleResult evaluate(Machine m) {
        List<Evidence> evidence = new ArrayList<>();
        List<RegistryEdit> edits = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Machine.SoftwareView view : m.softwareViews()) {
            KeyPath key = view.key("Microsoft\\.NETFramework\\" + version);
            for (String name : VALUES) {
                evidence.add(m.evidence(key, name, "0 (legacy behaviour for applications built for older .NET versions)"));
                Optional<Integer> v = m.value(key, name).flatMap(RegValue::asDword);
                if (v.orElse(0) != 1) {
                    missing.add(name + " in the " + view.label() + " view");
                    edits.add(new RegistryEdit.SetValue(key, RegValue.dword(name, 1)));
                }
            }
        }
        if (!m.has("SOFTWARE")) {
            return unknown("no SOFTWARE keys were given, so .NET " + version + " cannot be judged", evidence,
                    Fix.action("set SystemDefaultTlsVersions=1 and SchUseStrongCrypto=1 for .NET " + version
                            + " in both registry views (not written: the input has no SOFTWARE hive to fix)"),
                    "give the SOFTWARE hive (or an export of HKLM\\SOFTWARE\\Microsoft\\"
                            + ".NETFramework and its WOW6432Node twin)");
        }
        if (missing.isEmpty()) {
            return result(Status.PASS, ".NET " + version + " uses the system TLS versions and strong crypto in every view",
                    evidence, Fix.NONE);
        }
        return result(required ? Status.FAIL : Status.WARN, ".NET " + version + " is not set to use TLS 1.2: " + String.join(", ", missing)
                + " not 1", evidence, Fix.edits(edits, "set SystemDefaultTlsVersions=1 and SchUseStrongCrypto=1 for .NET "
                + version + " in both registry views, then restart the services that use .NET"));
    }
}
