package io.lifeboat.vault.ops;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.Vault;
import java.util.List;

/** The operator's commands on a vault folder (served or not): set RPO thresholds and judge the fleet now. */
public final class FleetReport {
    private FleetReport() {
    }

    /** Sets {@code machine}'s thresholds (vault-wide when null); a serving vault applies them at its next check. */
    public static RpoSettings setThresholds(Vault vault, String machine, RpoThresholds t) {
        if (machine != null && vault.machines().find(machine).isEmpty()) {
            throw new io.lifeboat.tls.LifeboatException(io.lifeboat.tls.LifeboatException.Kind.USAGE,
                    "this vault has no machine '" + machine + "' (see `lifeboat vault machines`)");
        }
        return new RpoSettingsStore(vault.layout().dir()).set(machine, t);
    }

    /** The fleet's health now, from the registry and {@code points}. */
    public static FleetStatus status(Vault vault, List<PointInfo> points) {
        return FleetEvaluator.evaluate(vault.listMachines(), points,
                new RpoSettingsStore(vault.layout().dir()).read(), vault.clock().instant());
    }
}
