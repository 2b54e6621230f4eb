package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import java.util.List;
import java.util.Optional;

/**
 * Reading one SCHANNEL protocol side ({@code Protocols\<name>\Client|Server}): {@code Enabled} (0 =
 * off, any other value = on) and {@code DisabledByDefault} (non-zero = only used when an
 * application asks for it by name), with the OS default for each when absent.
 */
final class Schannel {
    static final String PROTOCOLS = "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\";

    private Schannel() {
    }

    static KeyPath key(String protocol, boolean client) {
        return KeyPath.hklm(PROTOCOLS + protocol + (client ? "\\Client" : "\\Server"));
    }

    /**
     * @param enabled            Enabled as effective (empty: absent and the OS default unknown)
     * @param disabledByDefault  DisabledByDefault as effective (empty: absent and default unknown)
     */
    record State(Optional<Boolean> enabled, Optional<Boolean> disabledByDefault, List<Evidence> evidence) {
    }

    /** Defaults when absent: {@code enabledDefault} / {@code dbdDefault}, empty when the OS is unknown. */
    static State read(Machine m, String protocol, boolean client, Optional<Boolean> enabledDefault,
            Optional<Boolean> dbdDefault) {
        KeyPath k = key(protocol, client);
        Optional<RegValue> en = m.value(k, "Enabled");
        Optional<RegValue> dbd = m.value(k, "DisabledByDefault");
        Optional<Boolean> enabled = en.isPresent() ? Optional.of(en.flatMap(RegValue::asDword).orElse(1) != 0) : enabledDefault;
        Optional<Boolean> disabled = dbd.isPresent() ? Optional.of(dbd.flatMap(RegValue::asDword).orElse(0) != 0) : dbdDefault;
        return new State(enabled, disabled, List.of(
                m.evidence(k, "Enabled", describe(enabledDefault, "enabled", "disabled")),
                m.evidence(k, "DisabledByDefault", describe(dbdDefault, "1 (disabled by default)", "0"))));
    }

    private static String describe(Optional<Boolean> d, String yes, String no) {
        return d.map(b -> b ? yes : no).orElse("unknown: depends on the Windows version, which the registry given does not name");
    }

    static List<RegistryEdit> set(String protocol, boolean client, boolean on) {
        KeyPath k = key(protocol, client);
        return List.of(new RegistryEdit.SetValue(k, RegValue.dword("Enabled", on ? 1 : 0)),
                new RegistryEdit.SetValue(k, RegValue.dword("DisabledByDefault", on ? 0 : 1)));
    }
}
