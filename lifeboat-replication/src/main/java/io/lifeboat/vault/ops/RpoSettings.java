package io.lifeboat.vault.ops;

import io.lifeboat.vault.MachineName;
import java.util.Map;
import java.util.TreeMap;

/** The vault-wide RPO thresholds and the per-machine ones that replace them for a machine. */
public record RpoSettings(RpoThresholds vaultWide, Map<String, RpoThresholds> machines) {
    public static final RpoSettings DEFAULT = new RpoSettings(RpoThresholds.DEFAULT, Map.of());

    public RpoSettings {
        machines = Map.copyOf(machines);
    }

    public RpoThresholds forMachine(String machine) {
        return machines.getOrDefault(machine, vaultWide);
    }

    /** These settings with {@code t} for {@code machine}, or vault-wide when {@code machine} is null. */
    public RpoSettings with(String machine, RpoThresholds t) {
        if (machine == null) {
            return new RpoSettings(t, machines);
        }
        MachineName.require(machine);
        Map<String, RpoThresholds> m = new TreeMap<>(machines);
        m.put(machine, t);
        return new RpoSettings(vaultWide, m);
    }
}
